namespace Obol.Stats;

/// <summary>Field names of CGRateS's stored StatQueue JSON (Go struct field names), the wire table of the stored form.</summary>
internal static class StoredNames
{
    public const string Tenant = "Tenant";
    public const string Id = "ID";
    public const string Items = "SQItems";
    public const string EventId = "EventID";
    public const string ExpiryTime = "ExpiryTime";
    public const string Metrics = "SQMetrics";
    public const string FilterIds = "FilterIDs";
    public const string MinItems = "MinItems";
    public const string Count = "Count";
    public const string Sum = "Sum";
    public const string Answered = "Answered";
    public const string Events = "Events";
    public const string Stat = "Stat";
    public const string Duration = "Duration";
    public const string CompressFactor = "CompressFactor";
    public const string FieldName = "FieldName";
    public const string FieldValues = "FieldValues";
    public const string Fields = "Fields";
    public const string Rules = "Rules";
    public const string Highest = "Highest";
    public const string Lowest = "Lowest";
}
