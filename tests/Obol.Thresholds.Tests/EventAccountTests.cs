using Xunit;

namespace Obol.Thresholds.Tests;

public sealed class EventAccountTests
{
    [Fact]
    public void Resolve_PlainEvent_UsesAccountField()
    {
        var account = EventAccount.Resolve(new Dictionary<string, object?> { ["Account"] = "1001", ["AccountID"] = "x" },
            new Dictionary<string, object?>());

        Assert.Equal("1001", account);
    }

    [Fact]
    public void Resolve_AccountUpdateEvent_UsesAccountIdField()
    {
        var account = EventAccount.Resolve(new Dictionary<string, object?> { ["Account"] = "1001", ["AccountID"] = "1002" },
            new Dictionary<string, object?> { ["*eventType"] = "AccountUpdate" });

        Assert.Equal("1002", account);
    }

    [Fact]
    public void Resolve_AccountIdOption_OverridesEvent()
    {
        var account = EventAccount.Resolve(new Dictionary<string, object?> { ["Account"] = "1001" },
            new Dictionary<string, object?> { ["*accountID"] = "1003" });

        Assert.Equal("1003", account);
    }

    [Fact]
    public void Resolve_NoAccount_Null()
    {
        Assert.Null(EventAccount.Resolve(new Dictionary<string, object?>(), new Dictionary<string, object?>()));
    }
}
