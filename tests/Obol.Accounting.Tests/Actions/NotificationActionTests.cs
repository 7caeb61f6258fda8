using Obol.Primitives;
using Xunit;
using static Obol.Accounting.Tests.Actions.ActionFixture;

namespace Obol.Accounting.Tests.Actions;

/// <summary>*log, *http_post, *http_post_async, *publish_account and the session commands.</summary>
public class NotificationActionTests
{
    private readonly ActionFixture _fx = new();

    [Fact]
    public void Log_Account_LogsItsJsonOnce()
    {
        var account = Account((Meta.Monetary, Bal(10, id: "test", uuid: "u1")));

        _fx.Run(account, Act(ActionTypes.Log));

        Assert.Equal(AccountJson.Write(account), Assert.Single(_fx.Effects.AccountLogs));
    }

    [Fact]
    public void HttpPost_Account_PostsTheAccountJsonToTheUrl()
    {
        var account = Account((Meta.Monetary, Bal(10)));

        var result = _fx.Run(account, Act(ActionTypes.HttpPost, extra: "http://localhost/warn"));

        Assert.True(result.Succeeded);
        Assert.Equal(("http://localhost/warn", AccountJson.Write(account)), Assert.Single(_fx.Effects.Posts));
    }

    [Fact]
    public void HttpPost_PostFails_FailsTheAction()
    {
        _fx.Effects.PostBehaviour = _ => Task.FromException(new HttpRequestException("connection refused"));

        var result = _fx.Run(Account(), Act(ActionTypes.HttpPost, extra: "http://localhost/warn", weight: 10), Act(ActionTypes.DisableAccount));

        Assert.Equal("connection refused", result.Error);
    }

    [Fact]
    public async Task HttpPostAsync_PostFails_OnlyLogsAndTheListGoesOn()
    {
        var failure = new TaskCompletionSource();
        _fx.Effects.PostBehaviour = _ => failure.Task;
        var account = Account();

        var result = _fx.Run(account, Act(ActionTypes.HttpPostAsync, extra: "http://localhost/warn", weight: 10), Act(ActionTypes.DisableAccount));
        failure.SetException(new HttpRequestException("connection refused"));
        await WaitForAsync(() => _fx.Effects.Messages.Any(m => m.Message.Contains("connection refused", StringComparison.Ordinal)));

        Assert.True(result.Succeeded);
        Assert.True(account.Disabled);
    }

    [Fact]
    public void PublishAccount_Account_Published()
    {
        var account = Account();

        _fx.Run(account, Act(ActionTypes.PublishAccount));

        Assert.Same(account, Assert.Single(_fx.Effects.Published));
    }

    [Fact]
    public void RemoveSessionCosts_FilterIds_SentAsGiven()
    {
        var result = _fx.Run(Account(), Act(ActionTypes.RemoveSessionCosts, extra: "FLTR_OLD_COSTS;*string:~*sc.RunID:*default"));

        Assert.True(result.Succeeded);
        Assert.Equal("FLTR_OLD_COSTS;*string:~*sc.RunID:*default", Assert.Single(_fx.Effects.SessionCostRemovals));
    }

    [Fact]
    public void ForceDisconnectSessions_FiveParameters_SendsTheSelection()
    {
        var result = _fx.Run(Account(), Act(ActionTypes.ForceDisconnectSessions,
            extra: "cgrates.org;*string:~*req.Account:1001&*prefix:~*req.Destination:10;5;opt1:a:b;Reason:fraud"));

        Assert.True(result.Succeeded);
        var (command, request) = Assert.Single(_fx.Effects.SessionCommands);
        Assert.Equal("disconnect", command);
        Assert.Equal("cgrates.org", request.Tenant);
        Assert.Equal(["*string:~*req.Account:1001", "*prefix:~*req.Destination:10"], request.Filters);
        Assert.Equal(5, request.Limit);
        Assert.Equal("a:b", request.ApiOpts["opt1"]);
        Assert.Equal("fraud", request.Event["Reason"]);
    }

    [Fact]
    public void AlterSessions_LimitNotANumber_SendsLimitZero()
    {
        _fx.Run(Account(), Act(ActionTypes.AlterSessions, extra: "cgrates.org;;many;k:v;f:v"));

        var (command, request) = Assert.Single(_fx.Effects.SessionCommands);
        Assert.Equal(("alter", 0), (command, request.Limit));
    }

    [Theory]
    [InlineData("cgrates.org;;1;k:v", "invalid number of parameters <4> expected 5")]
    [InlineData("cgrates.org;;1;;f:v", "invalid key-value pair: ")]
    [InlineData("cgrates.org;;1;k:v;novalue", "invalid key-value pair: novalue")]
    public void ForceDisconnectSessions_BadParameters_Fail(string extra, string error)
    {
        var result = _fx.Run(Account(), Act(ActionTypes.ForceDisconnectSessions, extra: extra));

        Assert.Equal(error, result.Error);
        Assert.Empty(_fx.Effects.SessionCommands);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(5);
        }
        Assert.True(condition());
    }
}
