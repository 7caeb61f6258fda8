using Xunit;
using static Obol.Attributes.Tests.TestSupport;

namespace Obol.Attributes.Tests;

/// <summary>The immutable table and the atomic swaps of set, remove and load.</summary>
public sealed class AttributeTableTests
{
    private static AttributeProfile ForAccount(string id, string account, string value) =>
        AttributeProfile.Compile(Definition(id, Attr("*req.F", "*constant", value)) with { FilterIds = [$"*string:~*req.Account:{account}"] });

    [Fact]
    public void SetProfile_NewProfile_IsMatchedByTheNextEvent()
    {
        var service = Service(ForAccount("ATTR_1", "1001", "one"));

        service.SetProfile(ForAccount("ATTR_2", "1002", "two"));

        Assert.Equal("two", service.ProcessEvent(Event(("Account", "1002")), Now).Field("F"));
        Assert.Equal("one", service.ProcessEvent(Event(("Account", "1001")), Now).Field("F"));
    }

    [Fact]
    public void SetProfile_ReplacingFilters_ReindexesTheProfile()
    {
        var service = Service(ForAccount("ATTR_1", "1001", "one"));

        service.SetProfile(ForAccount("ATTR_1", "1003", "three"));

        Assert.Equal("NOT_FOUND", service.ProcessEvent(Event(("Account", "1001")), Now).Error);
        Assert.Equal("three", service.ProcessEvent(Event(("Account", "1003")), Now).Field("F"));
        Assert.Equal(1, service.Table.Count);
    }

    [Fact]
    public void RemoveProfile_Existing_StopsMatching()
    {
        var service = Service(ForAccount("ATTR_1", "1001", "one"));

        Assert.True(service.RemoveProfile("cgrates.org", "ATTR_1"));
        Assert.False(service.RemoveProfile("cgrates.org", "ATTR_1"));
        Assert.Equal("NOT_FOUND", service.ProcessEvent(Event(("Account", "1001")), Now).Error);
    }

    [Fact]
    public void With_OldTable_IsUnchanged()
    {
        var table = AttributeTable.Create([ForAccount("ATTR_1", "1001", "one")], NoStoredFilters());

        var next = table.With(ForAccount("ATTR_2", "1002", "two"));

        Assert.Equal(1, table.Count);
        Assert.Equal(["ATTR_1", "ATTR_2"], next.Ids("cgrates.org"));
        Assert.Null(table.Find("cgrates.org", "ATTR_2"));
    }

    [Fact]
    public void With_BrokenFilterReference_IsRefused() =>
        Assert.Contains("broken reference to filter <FLTR_NONE>", Assert.Throws<AttributeDefinitionException>(() =>
            AttributeTable.Create([], NoStoredFilters()).With(AttributeProfile.Compile(Definition("ATTR_X", Attr("*req.F", "*constant", "x")) with
            {
                FilterIds = ["FLTR_NONE"],
            }))).Message);

    [Fact]
    public void ProcessEvent_ConcurrentEventsWhileProfilesChange_EachSeesAWholeTable()
    {
        var service = Service(Enumerable.Range(0, 200).Select(i => ForAccount($"ATTR_{i}", $"{i}", $"v{i}")).ToArray());
        var failures = 0;

        Parallel.For(0, 4000, i =>
        {
            if (i % 100 == 0)
            {
                service.SetProfile(ForAccount($"ATTR_NEW_{i}", $"new{i}", "new"));
                return;
            }
            var account = i % 200;
            if (service.ProcessEvent(Event(("Account", $"{account}")), Now) is not { Error: null } result ||
                (string?)result.Event!.Event["F"] != $"v{account}")
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
        Assert.Equal(240, service.Table.Count);
    }
}
