using Obol.Primitives;
using Xunit;
using static Obol.Accounting.Tests.Actions.ActionFixture;

namespace Obol.Accounting.Tests.Actions;

/// <summary>*cdrlog (engine/actions_test.go TestCdrLogAction).</summary>
public class CdrLogTests
{
    private readonly ActionFixture _fx = new();

    [Fact]
    public void CdrLog_DebitInTheList_WritesItsCdrWithTheTemplate()
    {
        var account = Account((Meta.Monetary, Bal(20, id: Meta.Default)));

        var result = _fx.Run(account,
            Act(ActionTypes.CdrLog, weight: 50, id: "CDRLog1",
                extra: """{"BalanceID":"~*acnt.BalanceID","ActionID":"~*act.ActionID","BalanceValue":"~*acnt.BalanceValue"}"""),
            Act(ActionTypes.Debit, Filter(Meta.Monetary, 9.95m, id: Meta.Default, weight: 0), weight: 90, id: "CdrDebit"));

        Assert.True(result.Succeeded);
        var cdr = Assert.Single(Assert.Single(_fx.Effects.CdrBatches));
        Assert.Equal(("*debit", ActionTypes.CdrLog, "127.0.0.1", Meta.None), (cdr.RunID, cdr.Source, cdr.OriginHost, cdr.RequestType));
        Assert.Equal(("cgrates.org", "1001", "1001", "*monetary"), (cdr.Tenant, cdr.Account, cdr.Subject, cdr.ToR));
        Assert.Equal(9.95m, cdr.Cost);
        Assert.Equal(new Usage(1), cdr.Usage);
        Assert.True(cdr.PreRated);
        Assert.Equal((DefaultNow, DefaultNow), (cdr.SetupTime, cdr.AnswerTime));
        Assert.Equal(new Dictionary<string, string> { ["BalanceID"] = "*default", ["ActionID"] = "CdrDebit", ["BalanceValue"] = "10.05" }, cdr.ExtraFields);
        Assert.Equal(40, cdr.CGRID.Length);
        Assert.Equal(10.05m, account.BalancesOf(Meta.Monetary)[0].Value);
    }

    [Fact]
    public void CdrLog_CgrId_IsTheSha1OfTheOriginId()
    {
        _fx.Run(Account(), Act(ActionTypes.CdrLog), Act(ActionTypes.TopUp, Filter(Meta.Monetary, 1), weight: 10));

        var cdr = Assert.Single(Assert.Single(_fx.Effects.CdrBatches));
        // The topup (weight 10) runs first and names its new balance uuid-1.
        Assert.Equal("uuid-2", cdr.OriginID);
        // SHA-1 of "uuid-2".
        Assert.Equal("79d9e1a9400bf35253a5d0338a4285da6182b451", cdr.CGRID);
    }

    [Fact]
    public void CdrLog_RemoveBalance_OneCdrPerRemovedBalance()
    {
        var account = Account((Meta.Monetary, Bal(3, id: "A", destinations: "NAT")), (Meta.Monetary, Bal(4, id: "B", destinations: "NAT")),
            (Meta.Monetary, Bal(5, id: "C")));

        _fx.Run(account, Act(ActionTypes.RemoveBalance, Filter(Meta.Monetary, destinations: "NAT"), weight: 10), Act(ActionTypes.CdrLog));

        var cdrs = Assert.Single(_fx.Effects.CdrBatches);
        Assert.Equal([(3m, "A"), (4m, "B")], cdrs.Select(c => (c.Cost, c.ExtraFields["BalanceID"])).Order());
        Assert.All(cdrs, c => Assert.Equal((ActionTypes.RemoveBalance, Meta.Monetary), (c.RunID, c.ToR)));
        Assert.Equal(2, cdrs.Select(c => c.OriginID).Distinct().Count());
    }

    [Fact]
    public void CdrLog_RemovalAfterTheCdrLog_FailsNotFound()
    {
        var account = Account((Meta.Monetary, Bal(3, id: "A")));

        var result = _fx.Run(account, Act(ActionTypes.CdrLog, weight: 10), Act(ActionTypes.RemoveBalance, Filter(Meta.Monetary, id: "A")));

        Assert.Equal(ErrorCodes.NotFound, result.Error);
    }

    [Fact]
    public void CdrLog_OnlyBalanceActions_AreLogged()
    {
        _fx.Run(Account(), Act(ActionTypes.CdrLog), Act(ActionTypes.Log), Act(ActionTypes.DisableAccount),
            Act(ActionTypes.SetBalance, Filter(Meta.Sms, 5, id: "S"), weight: 5));

        var cdr = Assert.Single(Assert.Single(_fx.Effects.CdrBatches));
        Assert.Equal((ActionTypes.SetBalance, Meta.Sms, 5m), (cdr.RunID, cdr.ToR, cdr.Cost));
    }

    [Fact]
    public void CdrLog_TemplateConstantsAndCdrFields_SetTheFields()
    {
        _fx.Run(Account(), Act(ActionTypes.CdrLog, extra: """{"Category":"bonus","Destination":"~*acnt.AccountID","Cost":"oops","Usage":"60"}"""),
            Act(ActionTypes.TopUp, Filter(Meta.Monetary, 2), weight: 10));

        var cdr = Assert.Single(Assert.Single(_fx.Effects.CdrBatches));
        Assert.Equal(("bonus", "cgrates.org:1001"), (cdr.Category, cdr.Destination));
        Assert.Equal(0m, cdr.Cost);
        Assert.Equal(new Usage(60), cdr.Usage);
        Assert.Empty(cdr.ExtraFields);
    }

    [Fact]
    public void CdrLog_TemplateNotAStringMap_Fails()
    {
        var result = _fx.Run(Account(), Act(ActionTypes.CdrLog, extra: """{"Cost":5}"""));

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void CdrLog_NoCdrServer_Fails()
    {
        _fx.Effects.CdrsConnected = false;

        var result = _fx.Run(Account(), Act(ActionTypes.CdrLog));

        Assert.Equal("No connection with CDR Server", result.Error);
    }
}
