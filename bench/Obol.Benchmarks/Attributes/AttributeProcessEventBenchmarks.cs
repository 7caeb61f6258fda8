using BenchmarkDotNet.Attributes;
using NodaTime;
using Obol.Attributes;
using Obol.Events;
using Obol.Filters;

namespace Obol.Benchmarks.Attributes;

/// <summary>
/// AttributeS on a large table (target: one ProcessEvent ≤ 5 µs): 10,000 profiles in context <c>*sessions</c>, each
/// behind <c>*string:~*req.Account:&lt;n&gt;</c> with the index on <c>*req.Account</c>, and an event for one account
/// that gets the tutorial's four session-auth fields.
/// </summary>
[MemoryDiagnoser]
public class AttributeProcessEventBenchmarks
{
    private const int ProfileCount = 10_000;
    private static readonly Instant s_now = Instant.FromUtc(2014, 8, 4, 13, 0);
    private AttributeService _attributes = null!;
    private CgrEvent _event = null!;

    [GlobalSetup]
    public void Setup()
    {
        var profiles = Enumerable.Range(0, ProfileCount).Select(n => AttributeProfile.Compile(new AttributeProfileDefinition
        {
            Tenant = "cgrates.org",
            Id = $"ATTR_{n}",
            Contexts = ["*sessions"],
            FilterIds = [$"*string:~*req.Account:{n}"],
            Attributes =
            [
                new AttributeDefinition { Path = "*req.Password", Type = "*constant", Value = "CGRateS.org" },
                new AttributeDefinition { Path = "*req.RequestType", Type = "*constant", Value = "*prepaid" },
                new AttributeDefinition { Path = "*req.PaypalAccount", Type = "*constant", Value = "cgrates@paypal.com" },
                new AttributeDefinition { Path = "*req.LCRProfile", Type = "*constant", Value = "premium_cli" },
            ],
            Weight = 10,
        }));
        var options = AttributeOptions.Default with { StringIndexedFields = new HashSet<string> { "*req.Account" } };
        _attributes = new AttributeService(AttributeTable.Create(profiles, new FilterService(new FilterTable([])), options));
        _event = new CgrEvent
        {
            Tenant = "cgrates.org",
            Id = "bench",
            Event = new Dictionary<string, object?>
            {
                ["Account"] = "4242",
                ["Subject"] = "4242",
                ["Destination"] = "1002",
                ["Usage"] = "1m25s",
            },
            ApiOpts = new Dictionary<string, object?> { ["*context"] = "*sessions" },
        };
        if (_attributes.ProcessEvent(_event, s_now).MatchedProfiles is not ["cgrates.org:ATTR_4242"])
        {
            throw new InvalidOperationException("the benchmark event does not match its profile");
        }
    }

    [Benchmark(Baseline = true)]
    public AttributeProcessResult ProcessEvent() => _attributes.ProcessEvent(_event, s_now);

    [Benchmark]
    public AttributeLookupResult GetAttributeForEvent() => _attributes.GetAttributeForEvent(_event, s_now);
}
