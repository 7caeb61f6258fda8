using System.Text.Json;
using NodaTime;
using Obol.GoJson;
using Obol.Rating;
using Obol.TariffPlans;

namespace Obol.Engine;

/// <summary>
/// obol-engine: with no command it runs the engine (cgr-engine's flags; see <see cref="EngineFlags"/>). The offline
/// commands rate without an engine: <c>cost Key=Value ...</c> answers one cgr-console cost query and <c>seed</c> the
/// tutorial's three, from the <c>-tariffplan</c> folder.
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
        var (flags, flagError) = EngineFlags.Parse(args);
        if (flags is null)
        {
            Console.Error.WriteLine(flagError);
            return 2;
        }
        if (flags.Version)
        {
            Console.WriteLine($"obol-engine {typeof(Program).Assembly.GetName().Version}");
            return 0;
        }
        if (flags.Command.Count == 0)
        {
            return EngineHost.RunAsync(flags, Console.Error).GetAwaiter().GetResult();
        }
        if (flags.Command[0] is not ("cost" or "seed"))
        {
            Console.Error.WriteLine($"unknown command \"{flags.Command[0]}\": the engine takes flags only; offline commands are cost and seed");
            return 2;
        }
        var folder = flags.TariffPlan ?? "samples/tariffplans/tutorial";
        var decimals = flags.RoundingDecimals ?? 5;
        var rest = flags.Command[0] == "seed" ? [] : flags.Command.Skip(1).ToList();
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
        var queries = rest.Count == 0 ? s_seedQueries : [[.. rest]];
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
