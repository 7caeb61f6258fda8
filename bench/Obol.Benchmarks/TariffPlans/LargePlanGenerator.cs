using System.Globalization;
using System.Text;

namespace Obol.Benchmarks.TariffPlans;

/// <summary>
/// Writes a tariff plan of the size operators report trouble with: a given number of destination prefixes in
/// 10,000 destinations, 100 rates, 10,000 destination rates in 100 rating plans, and a given number of rating profiles.
/// </summary>
internal static class LargePlanGenerator
{
    public static void Write(string folder, int prefixes, int profiles)
    {
        Directory.CreateDirectory(folder);
        const int destinations = 10_000;
        const int rates = 100;
        const int plans = 100;
        var random = new Random(7);
        using (var w = Writer(folder, "Destinations.csv", "#Id,Prefix"))
        {
            var seen = new HashSet<long>();
            for (var i = 0; i < prefixes; i++)
            {
                long prefix;
                do
                {
                    prefix = random.NextInt64(10_000_000, 99_999_999_999);
                }
                while (!seen.Add(prefix));
                w.Write("DST_");
                w.Write((i % destinations).ToString(CultureInfo.InvariantCulture));
                w.Write(',');
                w.WriteLine(prefix.ToString(CultureInfo.InvariantCulture));
            }
        }
        using (var w = Writer(folder, "Rates.csv", "#Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart"))
        {
            for (var i = 0; i < rates; i++)
            {
                w.WriteLine($"RT_{i},0.{i % 10},0.{i:00},60s,60s,0s");
                w.WriteLine($"RT_{i},0,0.0{i:00},60s,1s,60s");
            }
        }
        using (var w = Writer(folder, "DestinationRates.csv", "#Id,DestinationId,RatesTag,RoundingMethod,RoundingDecimals,MaxCost,MaxCostStrategy"))
        {
            for (var i = 0; i < destinations; i++)
            {
                w.WriteLine($"DR_{i % plans}_{i / plans},DST_{i},RT_{i % rates},*up,4,0,");
            }
        }
        using (var w = Writer(folder, "RatingPlans.csv", "#Id,DestinationRatesId,TimingTag,Weight"))
        {
            for (var i = 0; i < destinations; i++)
            {
                w.WriteLine($"RP_{i % plans},DR_{i % plans}_{i / plans},*any,10");
            }
        }
        using (var w = Writer(folder, "RatingProfiles.csv", "#Tenant,Category,Subject,ActivationTime,RatingPlanId,RatesFallbackSubject"))
        {
            for (var i = 0; i < profiles; i++)
            {
                w.WriteLine($"cgrates.org,call,{100_000 + i},2014-01-14T00:00:00Z,RP_{i % plans},");
            }
        }
    }

    private static StreamWriter Writer(string folder, string file, string header)
    {
        var w = new StreamWriter(Path.Combine(folder, file), false, new UTF8Encoding(false), 1 << 16);
        w.WriteLine(header);
        return w;
    }
}
