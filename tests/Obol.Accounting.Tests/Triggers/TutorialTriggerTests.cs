using NodaTime;
using Obol.Accounting.Tests.Actions;
using Obol.Primitives;
using Obol.Rating;
using Obol.TariffPlans;
using Xunit;
using static Obol.Accounting.Tests.Actions.ActionFixture;

namespace Obol.Accounting.Tests.Triggers;

/// <summary>
/// The tutorials' ActionTriggers from the real CSVs: fraud detection (cgrates-reference.md §7, docs/tutorial.rst) and
/// tutorial2's bonus SMS and account disabling (general_tests/tutorial2_it_test.go testTutAccounts).
/// </summary>
public class TutorialTriggerTests
{
    [Fact]
    public void Tutorial_SetBalance23_LogsOnce()
    {
        var (engine, effects, account) = LoadAccount("tutorial", "1003");

        var result = engine.Executor.Run(account, [SetBalance("MonetaryBalance", 23)]);

        Assert.True(result.Succeeded);
        var logged = Assert.Single(effects.AccountLogs);
        Assert.Contains("\"ID\":\"MonetaryBalance\",\"Value\":23,", logged, StringComparison.Ordinal);
        Assert.False(account.Disabled);
    }

    [Fact]
    public void Tutorial_SetBalance101_LogsTwiceAndDisablesTheAccount()
    {
        var (engine, effects, account) = LoadAccount("tutorial", "1001");

        engine.Executor.Run(account, [SetBalance("MonetaryBalance", 101)]);

        Assert.Equal(2, effects.AccountLogs.Count);
        Assert.True(account.Disabled);
        // Both logs precede the disabling action of DISABLE_AND_LOG's list: neither shows the account disabled.
        Assert.All(effects.AccountLogs, json => Assert.EndsWith("\"Disabled\":false}", json, StringComparison.Ordinal));
        Assert.All(account.ActionTriggers, t => Assert.True(t.Executed));
    }

    [Fact]
    public void Tutorial_SetBalanceAgain_TriggersAlreadyExecutedStayQuiet()
    {
        var (engine, effects, account) = LoadAccount("tutorial", "1002");
        engine.Executor.Run(account, [SetBalance("MonetaryBalance", 23)]);
        account.ClearDirty();

        engine.Executor.Run(account, [SetBalance("MonetaryBalance", 50)]);

        Assert.Single(effects.AccountLogs);
        Assert.False(account.Disabled);
    }

    [Fact]
    public void Tutorial_DisabledAccountOverThreshold_TriggerRefusedAndLogged()
    {
        var (engine, effects, account) = LoadAccount("tutorial", "1001");
        engine.Executor.Run(account, [SetBalance("MonetaryBalance", 101)]);
        account.ClearDirty();
        engine.ResetTriggers(account, null);

        engine.Executor.Run(account, [SetBalance("MonetaryBalance", 150)]);

        Assert.Equal(2, effects.AccountLogs.Count);
        Assert.Contains(effects.Messages, m => m.Message == "User cgrates.org:1001 is disabled and there are triggers in action!");
    }

    [Fact]
    public void Tutorial2_SetDefaultTo1_AddsTenBonusSmses()
    {
        var (engine, _, account) = LoadAccount("tutorial2", "1001");
        Assert.Equal((4, 10m, 2, 100m, 1024m), (account.BalanceMap.Count, Total(account, Meta.Monetary), account.BalancesOf(Meta.Voice).Count,
            account.BalancesOf(Meta.Sms)[0].Value, account.BalancesOf(Meta.Data)[0].Value));

        engine.Executor.Run(account, [SetBalance(Meta.Default, 1)]);

        Assert.Equal(2, account.BalancesOf(Meta.Sms).Count);
        var bonus = account.FindBalanceById(Meta.Sms, "BONUS_SMSes")!;
        Assert.Equal((10m, 30m), (bonus.Value, bonus.Weight));
        Assert.True(bonus.DestinationIDs["DST_50"]);
        Assert.False(account.Disabled);
    }

    [Fact]
    public void Tutorial2_SetDefaultTo101_DisablesTheAccount()
    {
        var (engine, _, account) = LoadAccount("tutorial2", "1001");
        engine.Executor.Run(account, [SetBalance(Meta.Default, 1)]);
        account.ClearDirty();

        engine.Executor.Run(account, [SetBalance(Meta.Default, 101)]);

        Assert.True(account.Disabled);
        Assert.Single(account.BalancesOf(Meta.Sms), b => b.ID == "BONUS_SMSes");
    }

    /// <summary>APIerSv1.SetBalance: a *set_balance action on the *monetary balance with that ID.</summary>
    private static AccountAction SetBalance(string balanceId, decimal value) =>
        Act(ActionTypes.SetBalance, new BalanceFilter { Type = Meta.Monetary, ID = balanceId, Value = value });

    /// <summary>The account as the loader leaves it: its trigger set attached, then each *asap action list of its plan
    /// run and saved on its own (the scheduler runs them as separate tasks).</summary>
    private static (ActionTriggerEngine Engine, RecordingEffects Effects, Account Account) LoadAccount(string planName, string accountName)
    {
        var options = new TariffPlanReadOptions(DateTimeZone.Utc, DefaultNow);
        var read = TariffPlanReader.ReadFolder(Path.Combine(AppContext.BaseDirectory, "data", "tariffplans", planName), options);
        Assert.True(read.Succeeded, string.Join(Environment.NewLine, read.Errors));
        var (data, errors) = AccountingDataBuilder.Build(read.Plan, options);
        Assert.Empty(errors);
        var effects = new RecordingEffects();
        var uuids = 0;
        var engine = new ActionTriggerEngine(data, effects, RatingDataSet.Empty, new SettableClock(DefaultNow), new AccountingOptions(),
            DateTimeZone.Utc, () => "uuid-" + ++uuids);
        var row = read.Plan.AccountActions.Single(a => a.Account == accountName);
        var account = new Account(row.Tenant, row.Account) { ActionTriggers = data.TriggersFor(row.ActionTriggersId) };
        foreach (var binding in read.Plan.ActionPlans.Where(p => p.Id == row.ActionPlanId && p.TimingId == Meta.Asap))
        {
            Assert.True(engine.Executor.Run(account, data.GetActions(binding.ActionsId)!).Succeeded);
            account.ClearDirty();
        }
        Assert.Empty(effects.AccountLogs);
        return (engine, effects, account);
    }
}
