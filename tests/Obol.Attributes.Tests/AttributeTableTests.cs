using Xunit;
using static Obol.Attributes.Tests.TestSupport;

namespace Obol.Attributes.Tests;

/// <summary>The immutable table and its atomic swap.</summary>
public sealed class AttributeTableTests
{
    private static AttributeProfile ForAccount(string id, string account, string value) =>
        AttributeProfile.Compile(Definition(id, Attr("*req.F", "*constant", value)) with { FilterIds = [$"*string:~*req.Account:{account}"] });

    [Fact]
    public void Load_NewTable_IsMatchedByTheNextEvent()
    {
        var service = Service(ForAccount("ATTR_1", "1001", "one"));

        service.Load(AttributeTable.Create([ForAccount("ATTR_1", "1003", "three"), ForAccount("ATTR_2", "1002", "two")], NoStoredFilters()));

        Assert.Equal("NOT_FOUND", service.ProcessEvent(Event(("Account", "1001")), Now).Error);
        Assert.Equal("three", service.ProcessEvent(Event(("Account", "1003")), Now).Field("F"));
        Assert.Equal("two", service.ProcessEvent(Event(("Account", "1002")), Now).Field("F"));
        Assert.Equal(2, service.Table.Count);
    }

    [Fact]
    public void Create_BrokenFilterReference_IsRefused() =>
        Assert.Contains("broken reference to filter <FLTR_NONE>", Assert.Throws<AttributeDefinitionException>(() =>
            AttributeTable.Create([AttributeProfile.Compile(Definition("ATTR_X", Attr("*req.F", "*constant", "x")) with
            {
                FilterIds = ["FLTR_NONE"],
            })], NoStoredFilters())).Message);

    [Fact]
    public async Task ProcessEvent_ConcurrentEventsWhileProfilesChange_EachSeesAWholeTable()
    {
        List<AttributeProfile> profiles = [.. Enumerable.Range(0, 200).Select(i => ForAccount($"ATTR_{i}", $"{i}", $"v{i}"))];
        var service = Service([.. profiles]);
        var failures = 0;
        // One writer swapping in a table with one more profile each time (as the profile catalog does), readers beside it.
        var writer = Task.Run(() =>
        {
            for (var n = 0; n < 40; n++)
            {
                profiles.Add(ForAccount($"ATTR_NEW_{n}", $"new{n}", "new"));
                service.Load(AttributeTable.Create(profiles, NoStoredFilters()));
            }
        }, TestContext.Current.CancellationToken);

        Parallel.For(0, 4000, i =>
        {
            var account = i % 200;
            if (service.ProcessEvent(Event(("Account", $"{account}")), Now) is not { Error: null } result ||
                (string?)result.Event!.Event["F"] != $"v{account}")
            {
                Interlocked.Increment(ref failures);
            }
        });

        await writer;

        Assert.Equal(0, failures);
        Assert.Equal(240, service.Table.Count);
    }
}
