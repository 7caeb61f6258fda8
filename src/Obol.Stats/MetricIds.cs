namespace Obol.Stats;

/// <summary>Metric type names as they appear in Stats.csv and as keys of the metric maps (utils/consts.go).</summary>
public static class MetricIds
{
    public const string Asr = "*asr";
    public const string Acd = "*acd";
    public const string Tcd = "*tcd";
    public const string Acc = "*acc";
    public const string Tcc = "*tcc";
    public const string Pdd = "*pdd";
    public const string Ddc = "*ddc";
    public const string Sum = "*sum";
    public const string Average = "*average";
    public const string Distinct = "*distinct";
    public const string Highest = "*highest";
    public const string Lowest = "*lowest";

    /// <summary>Separates a parametrised metric type from its field: <c>*sum#~*req.Usage</c>.</summary>
    public const char ParameterSeparator = '#';

    /// <summary>What a string metric reads when it has fewer items than MinItems (utils.NotAvailable).</summary>
    public const string NotAvailable = "N/A";

    /// <summary>What a float metric reads when it has fewer items than MinItems (utils.StatsNA).</summary>
    public const decimal FloatNotAvailable = -1m;

    /// <summary>CGRateS's general.rounding_decimals default, the precision every metric value is given in.</summary>
    public const int DefaultRoundingDecimals = 5;
}
