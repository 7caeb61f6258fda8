using CsCheck;
using Xunit;
using static Obol.Filters.Tests.TestEvents;

namespace Obol.Filters.Tests;

public sealed class FilterIndexTests
{
    private static readonly string[] s_fields = ["Account", "Subject", "Destination"];
    private static readonly string[] s_types = ["*string", "*prefix", "*suffix", "*exists", "*notstring", "*nistring", "*contains", "*gt"];

    [Fact]
    public void Candidates_StringAndPrefix_SelectByKeyAndNone()
    {
        var service = Service();
        var builder = new FilterIndexBuilder<string>();
        builder.Add("ATTR_1001", "cgrates.org", ["*string:~*req.Account:1001"], service);
        builder.Add("ATTR_PREFIX", "cgrates.org", ["*prefix:~*req.Destination:10|20"], service);
        builder.Add("ATTR_ANY", "cgrates.org", [], service);
        builder.Add("ATTR_NOT", "cgrates.org", ["*notstring:~*req.Account:1001"], service);
        var index = builder.Build();

        var candidates = index.Candidates(Call(("Account", "1001"), ("Destination", "2099")));

        Assert.Equal(["ATTR_1001", "ATTR_ANY", "ATTR_NOT", "ATTR_PREFIX"], candidates.Order(StringComparer.Ordinal));
        Assert.Contains(index.Keys(), k => k.Key == "*none:*any:*any" && k.Items.Count == 2);
        Assert.Contains(index.Keys(), k => k.Key == "*string:*req.Account:1001");
    }

    [Fact]
    public void Candidates_LongestPrefixOnly_KeepsCgratesSelection()
    {
        var service = Service();
        var builder = new FilterIndexBuilder<string>(new FilterIndexOptions { LongestPrefixOnly = true });
        builder.Add("SHORT", "cgrates.org", ["*prefix:~*req.Destination:10"], service);
        builder.Add("LONG", "cgrates.org", ["*prefix:~*req.Destination:1001"], service);

        var candidates = builder.Build().Candidates(Call(("Destination", "10012")));

        Assert.Equal(["LONG"], candidates);
    }

    [Fact]
    public void Candidates_FieldNotInIndexedFields_FallsBackToNone()
    {
        var service = Service();
        var builder = new FilterIndexBuilder<string>(new FilterIndexOptions { StringIndexedFields = new HashSet<string> { "*req.Subject" } });
        builder.Add("A", "cgrates.org", ["*string:~*req.Account:1001"], service);

        Assert.Contains(builder.Build().Keys(), k => k.Key == "*none:*any:*any");
    }

    private static Gen<string> Pick(string[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    [Fact]
    public void Candidates_RandomProfiles_ContainEveryProfileAFullScanPasses()
    {
        var value = Pick(["1", "10", "100", "1001", "1002", "2", "20", "201", ""]);
        var rule = Gen.Select(Pick(s_types), Pick(s_fields), value.Array[1, 3])
            .Select((type, field, values) => type is "*exists"
                ? $"{type}:~*req.{field}:"
                : $"{type}:~*req.{field}:{string.Join('|', values.Select(v => v.Length == 0 ? "1" : v))}");
        var profile = rule.Array[0, 3];
        var evField = Gen.Select(Pick(s_fields), value).Array[0, 3];

        Gen.Select(profile.Array[1, 12], evField.Array[1, 5]).Sample((profiles, events) =>
        {
            var service = Service();
            var builder = new FilterIndexBuilder<int>();
            for (var i = 0; i < profiles.Length; i++)
            {
                builder.Add(i, "cgrates.org", profiles[i], service);
            }
            var index = builder.Build();
            foreach (var fields in events)
            {
                var ev = new FilterEvent(fields.DistinctBy(f => f.Item1).ToDictionary(f => f.Item1, f => (object?)f.Item2));
                var candidates = index.Candidates(ev);
                for (var i = 0; i < profiles.Length; i++)
                {
                    var outcome = service.Pass("cgrates.org", profiles[i], ev, Now);
                    if (outcome.Passed && !candidates.Contains(i))
                    {
                        return false;
                    }
                }
            }
            return true;
        }, iter: 2000);
    }
}
