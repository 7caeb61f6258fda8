using System.Text.Json;
using NodaTime;
using Obol.GoJson;
using Obol.Rating;
using Obol.TariffPlans;

namespace Obol.Engine;

/// <summary>
/// Obol's entry point. Until the JSON-RPC engine lands (issue 4) it loads a tariff plan and answers cgr-console
/// <c>cost</c> queries; with no query it rates the three calls of the tutorial.
/// </summary>
public static class Program
{
    private static readonly string[][] s_seedQueries =
    [
        ["Category=call", "Tenant=cgrates.org", "Subject=1001", "Destination=1002", "AnswerTime=2014-08-04T13:00:00Z", "Usage=20s"],
        ["Category=call", "Tenant=cgrates.org", "Subject=1001", "Destination=1002", "AnswerTime=2014-08-04T13:00:00Z", "Usage=1m25s"],
        ["Category=call", "Tenant=cgrates.org", "Subject=1001", "Destination=1003", "AnswerTime=2014-08-04T13:00:00Z", "Usage=20s"],
    ];

    public static int Main(string[] args)
    {
        var folder = "samples/tariffplans/tutorial";
        var decimals = 5;
        var serve = false;
        var listen = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 2012);
        var logger = "*stdout";
        var dataDir = Path.Combine(Path.GetTempPath(), "obol");
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-tariffplan" or "--tariffplan" when i + 1 < args.Length:
                    folder = args[++i];
                    break;
                case "-rounding_decimals" or "--rounding_decimals" when i + 1 < args.Length && int.TryParse(args[i + 1], out var d):
                    decimals = d;
                    i++;
                    break;
                case "--serve" or "-serve":
                    serve = true;
                    break;
                case "-listen" or "--listen" when i + 1 < args.Length && System.Net.IPEndPoint.TryParse(args[i + 1], out var endPoint):
                    listen = endPoint;
                    i++;
                    break;
                case "-logger" or "--logger" when i + 1 < args.Length:
                    logger = args[++i];
                    break;
                case "-data_dir" or "--data_dir" when i + 1 < args.Length:
                    dataDir = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        if (serve)
        {
            return ServeCommand.RunAsync(folder, listen, decimals, logger, dataDir).GetAwaiter().GetResult();
        }
        var zone = DateTimeZoneProviders.Tzdb.GetSystemDefault();
        var clock = SystemClock.Instance;
        var options = new TariffPlanReadOptions(zone, clock.GetCurrentInstant());
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"tariff plan folder not found: {folder}");
            return 2;
        }
        var read = TariffPlanReader.ReadFolder(folder, options);
        foreach (var error in read.Errors)
        {
            Console.Error.WriteLine(error);
        }
        var (data, buildErrors) = RatingDataBuilder.Build(read.Plan, options);
        foreach (var error in buildErrors)
        {
            Console.Error.WriteLine(error);
        }
        Console.Error.WriteLine($"loaded {folder}: {data.RatingPlans.Count} rating plans, {data.RatingProfiles.Count} rating profiles, {data.Destinations.Count} destinations");
        var command = new CostCommand(new RatingEngine(data, new RatingOptions { RoundingDecimals = decimals }), zone, clock);
        var queries = rest.Count == 0 ? s_seedQueries : [rest[0] == "cost" ? [.. rest.Skip(1)] : [.. rest]];
        var status = 0;
        foreach (var query in queries)
        {
            if (!ConsoleArguments.TryParse(query, out var values, out var parseError))
            {
                Console.Error.WriteLine(parseError);
                return 2;
            }
            Console.WriteLine("cost " + string.Join(' ', query));
            var (cost, error) = command.Run(values);
            if (error is not null)
            {
                Console.WriteLine(error);
                status = 1;
                continue;
            }
            Console.WriteLine(JsonSerializer.Serialize(cost, GoJsonIndented));
        }
        return status;
    }

    private static readonly JsonSerializerOptions GoJsonIndented = new(GoJsonOptions.Default) { WriteIndented = true };
}
