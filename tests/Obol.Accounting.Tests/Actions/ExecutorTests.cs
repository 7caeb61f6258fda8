using Obol.Primitives;
using Xunit;
using static Obol.Accounting.Tests.Actions.ActionFixture;

namespace Obol.Accounting.Tests.Actions;

/// <summary>The run loop: order, failures, filters (ActionTiming.Execute).</summary>
public class ExecutorTests
{
    [Theory]
    [InlineData(20, 10, 15)]
    [InlineData(10, 20, 10)]
    public void Run_Weights_HigherWeightRunsFirst(int resetWeight, int topUpWeight, int expected)
    {
        var fx = new ActionFixture();
        var account = Account((Meta.Monetary, Bal(100, id: "M")));

        fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 5, id: "M"), weight: topUpWeight),
            Act(ActionTypes.TopUpReset, Filter(Meta.Monetary, 10, id: "M"), weight: resetWeight));

        Assert.Equal(expected, account.BalancesOf(Meta.Monetary)[0].Value);
    }

    [Fact]
    public void Run_UnknownActionType_StopsTheListAndReportsFailure()
    {
        var fx = new ActionFixture();
        var account = Account((Meta.Monetary, Bal(10, id: "M")));

        var result = fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 1.1m, id: "M"), weight: 20),
            Act("VALID_FUNCTION_TYPE", weight: 10), Act(ActionTypes.DisableAccount, weight: 0));

        Assert.False(result.Succeeded);
        Assert.Equal("VALID_FUNCTION_TYPE", result.FailedActionType);
        Assert.Equal("Function type VALID_FUNCTION_TYPE not available, aborting execution!", result.Error);
        Assert.False(account.Disabled);
        Assert.Contains(fx.Effects.Messages, m => m.Level == ActionLogLevel.Error && m.Message == result.Error);
    }

    [Fact]
    public void Run_FailingAction_LogsAndStops()
    {
        var fx = new ActionFixture();
        var account = Account();

        var result = fx.Run(account, Act(ActionTypes.RemoveBalance, Filter(Meta.Monetary, id: "none"), weight: 10), Act(ActionTypes.DisableAccount));

        Assert.False(result.Succeeded);
        Assert.False(account.Disabled);
        Assert.Contains(fx.Effects.Messages, m => m.Message == $"Error executing action {ActionTypes.RemoveBalance}: NOT_FOUND!");
    }

    [Fact]
    public void Run_FiltersThatDoNotPass_SkipTheAction()
    {
        var fx = new ActionFixture(filters: new FixedFilters(pass: false));
        var account = Account((Meta.Monetary, Bal(10, id: "M")));

        var result = fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 11, id: "M")) with { FilterIds = ["*lt:~*req.BalanceMap.*monetary.GetTotalValue:3"] },
            Act(ActionTypes.Log));

        Assert.True(result.Succeeded);
        Assert.Equal(10m, account.BalancesOf(Meta.Monetary)[0].Value);
        Assert.Single(fx.Effects.AccountLogs);
    }

    [Fact]
    public void Run_FiltersThatPass_RunTheActionWithTheTenant()
    {
        var filters = new FixedFilters(pass: true);
        var fx = new ActionFixture(filters: filters);
        var account = Account((Meta.Monetary, Bal(10, id: "M")));

        fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 11, id: "M")) with { FilterIds = ["FLTR_1"] });

        Assert.Equal(21m, account.BalancesOf(Meta.Monetary)[0].Value);
        Assert.Equal(("cgrates.org", "FLTR_1"), (filters.Tenant, filters.Ids!.Single()));
    }

    [Fact]
    public void Run_FiltersWithoutAnEvaluator_Fail()
    {
        var result = new ActionFixture().Run(Account(), Act(ActionTypes.Log) with { FilterIds = ["FLTR_1"] });

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Run_EmptyList_Succeeds()
    {
        var result = new ActionFixture().Run(Account());

        Assert.Equal(ActionRunResult.Success(false), result);
        Assert.True(result.ShouldSave);
    }

    [Fact]
    public void SupportedActionTypes_CoverTheAccountingActions()
    {
        var supported = new ActionFixture().Engine.Executor.SupportedActionTypes;

        string[] expected =
        [
            "*log", "*topup", "*topup_reset", "*debit", "*debit_reset", "*topup_zero_negative", "*reset_account", "*set_balance",
            "*remove_balance", "*remove_expired", "*disable_account", "*enable_account", "*allow_negative", "*deny_negative",
            "*reset_triggers", "*set_recurrent", "*unset_recurrent", "*reset_counters", "*remove_account", "*set_expiry",
            "*transfer_monetary_default", "*transfer_balance", "*cdrlog", "*http_post", "*http_post_async", "*publish_account", "*alter_sessions",
            "*force_disconnect_sessions", "*remove_session_costs",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), supported.Order(StringComparer.Ordinal));
    }

    private sealed class FixedFilters(bool pass) : IActionFilterEvaluator
    {
        public string? Tenant { get; private set; }

        public IReadOnlyList<string>? Ids { get; private set; }

        public bool Pass(string tenant, IReadOnlyList<string> filterIds, Account account)
        {
            Tenant = tenant;
            Ids = filterIds;
            return pass;
        }
    }
}
