using NodaTime;
using Obol.Primitives;
using Xunit;

namespace Obol.Accounting.Tests.Debit;

/// <summary>
/// Debit, MaxDebit and max-usage vectors of CGRateS engine/calldesc_test.go and account_test.go on the
/// engine_loader_csv plan, 6 global decimals (rating-semantics.md §7–§8).
/// </summary>
public class DebitVectorTests
{
    private static Instant Utc(int y, int mo, int d, int h, int mi, int s = 0) => Instant.FromUtc(y, mo, d, h, mi, s);

    private static Balance Find(Account account, string type, string uuid) => account.BalanceMap[type].Single(b => b.Uuid == uuid);

    [Fact]
    public async Task MaxDebit_VoiceBalanceWithRatingSubjectThenMoney_Pays49SecondsFor0_91()
    {
        var f = new DebitFixture("engine_loader_csv", 6);
        await f.SaveAsync(DebitFixture.Account("cgrates.org", "12345",
            (BalanceTypes.Monetary, DebitFixture.Money("money", 1, destinations: "*any")),
            (BalanceTypes.Voice, DebitFixture.Units("minutes", 40_000_000_000m, destinations: "DST_UK_Mobile_BIG5", ratingSubject: "discounted_minutes"))));
        var cd = DebitFixture.Call("cgrates.org", "call", "12345", "12345", "447956", Utc(2014, 3, 4, 6, 0), Utc(2014, 3, 4, 6, 1));
        var (cc, error) = await f.Service.MaxDebitAsync(new DebitRequest(cd));
        Assert.Null(error);
        Assert.Equal(Usage.FromSeconds(49), cc!.RatedUsage);
        Assert.Equal(0.91m, cc.Cost);
        var account = await f.GetAsync("cgrates.org:12345");
        Assert.Equal(0m, Find(account, BalanceTypes.Voice, "minutes").Value);
        // 0.01 connect fee and 9 s at 0.10/s came from the money: 1 − 0.91.
        Assert.Equal(0.09m, Find(account, BalanceTypes.Monetary, "money").Value);
    }

    [Fact]
    public async Task MaxDebit_AllowNegativeWithoutBalances_DefaultGoesNegativeEachTime()
    {
        var f = new DebitFixture("engine_loader_csv", 6);
        var post = DebitFixture.Account("vdf", "post");
        post.AllowNegative = true;
        await f.SaveAsync(post);
        for (var round = 1; round <= 2; round++)
        {
            var cd = DebitFixture.Call("vdf", "0", "rif", "post", "0723", Utc(2013, 10, 21, 18, 34), Utc(2013, 10, 21, 18, 34, 5));
            var (cc, error) = await f.Service.MaxDebitAsync(new DebitRequest(cd));
            Assert.Null(error);
            Assert.Equal(2.5m, cc!.Cost);
            var balance = Assert.Single((await f.GetAsync("vdf:post")).BalanceMap[BalanceTypes.Monetary]);
            Assert.Equal(Meta.Default, balance.ID);
            Assert.Equal(-2.5m * round, balance.Value);
        }
    }

    [Fact]
    public async Task Debit_PerformRounding_ChargesRoundedCostToBalance()
    {
        var f = new DebitFixture("engine_loader_csv", 6);
        await f.SaveAsync(DebitFixture.Account("cgrates.org", "dy", (BalanceTypes.Monetary, DebitFixture.Money("money", 1, destinations: "*any"))));
        var cd = DebitFixture.Call("cgrates.org", "call", "dy", "dy", "0723123113", Utc(2016, 3, 4, 13, 50), Utc(2016, 3, 4, 13, 53));
        var (cc, error) = await f.Service.DebitAsync(new DebitRequest(cd) { PerformRounding = true });
        Assert.Null(error);
        Assert.Equal(0.3m, cc!.Cost);
        Assert.Equal(0.7m, Find(await f.GetAsync("cgrates.org:dy"), BalanceTypes.Monetary, "money").Value);
    }

    [Theory]
    [InlineData(false, "0.30006")]
    [InlineData(true, "0.3001")]
    public async Task Debit_RoundingSubject_RoundsOnlyWithPerformRounding(bool performRounding, string expected)
    {
        var f = new DebitFixture("engine_loader_csv", 6);
        await f.SaveAsync(DebitFixture.Account("cgrates.org", "round", (BalanceTypes.Monetary, DebitFixture.Money("money", 10, destinations: "*any"))));
        var cd = DebitFixture.Call("cgrates.org", "call", "round", "", "49", Utc(2017, 2, 2, 17, 30), Utc(2017, 2, 2, 17, 33));
        var (cc, error) = await f.Service.DebitAsync(new DebitRequest(cd) { PerformRounding = performRounding });
        Assert.Null(error);
        Assert.Equal(decimal.Parse(expected), cc!.Cost);
        Assert.Equal(10m - decimal.Parse(expected), Find(await f.GetAsync("cgrates.org:round"), BalanceTypes.Monetary, "money").Value);
    }

    [Fact]
    public async Task MaxDebit_SharedGroupLowest_TakesFromPartnerBalance()
    {
        var group = new SharedGroup { Id = "SG2", MemberIds = ["vdf:empty0", "vdf:empty10"] };
        group.AccountParameters["*any"] = new SharingParameters("*lowest", "one");
        var f = new DebitFixture("engine_loader_csv", 6, [group]);
        await f.SaveAsync(DebitFixture.Account("vdf", "empty0", (BalanceTypes.Monetary, DebitFixture.Money("e0", 0, sharedGroups: "SG2"))));
        await f.SaveAsync(DebitFixture.Account("vdf", "empty10",
            (BalanceTypes.Monetary, DebitFixture.Money("e10sg", 10, weight: 5, sharedGroups: "SG2")),
            (BalanceTypes.Monetary, DebitFixture.Money("e10", 10))));
        var cd = DebitFixture.Call("vdf", "0", "minu", "empty0", "0723", Utc(2013, 10, 21, 18, 34), Utc(2013, 10, 21, 18, 34, 5));
        var (cc, error) = await f.Service.MaxDebitAsync(new DebitRequest(cd));
        Assert.Null(error);
        Assert.Equal(2.5m, cc!.Cost);
        Assert.Equal(0m, Assert.Single((await f.GetAsync("vdf:empty0")).BalanceMap[BalanceTypes.Monetary]).Value);
        var partner = await f.GetAsync("vdf:empty10");
        Assert.Equal(7.5m, Find(partner, BalanceTypes.Monetary, "e10sg").Value);
        Assert.Equal(10m, Find(partner, BalanceTypes.Monetary, "e10").Value);
    }

    [Fact]
    public async Task Debit_ZeroMinuteBalance_ConsumesOneWholeMinute()
    {
        var f = new DebitFixture("engine_loader_csv", 6);
        await f.SaveAsync(DebitFixture.Account("vdf", "other",
            (BalanceTypes.Voice, DebitFixture.Units("testb", 70_000_000_000m, destinations: "NAT", ratingSubject: "*zero1m")),
            (BalanceTypes.Monetary, DebitFixture.Money("money", 21))));
        var cd = DebitFixture.Call("vdf", "0", "rif", "other", "0723045326", Utc(2013, 9, 24, 10, 48), Utc(2013, 9, 24, 10, 48, 10));
        var (cc, error) = await f.Service.DebitAsync(new DebitRequest(cd));
        Assert.Null(error);
        var first = cc!.Timespans[0].Increments[0];
        Assert.Equal("testb", first.BalanceInfo!.Unit!.Uuid);
        Assert.Equal(Usage.FromMinutes(1), first.Duration);
        var account = await f.GetAsync("vdf:other");
        Assert.Equal(10_000_000_000m, Find(account, BalanceTypes.Voice, "testb").Value);
        Assert.Equal(21m, Find(account, BalanceTypes.Monetary, "money").Value);
    }

    [Fact]
    public async Task Debit_GenericBalanceWithFactor_RoundsEachIncrementUp()
    {
        var f = new DebitFixture("engine_loader_csv", 6);
        var generic = DebitFixture.Units("testm", 100, weight: 5, destinations: "NAT");
        generic.Factors["call"] = 1m / 60_000_000_000m;
        await f.SaveAsync(DebitFixture.Account("vdf", "other", (BalanceTypes.Generic, generic), (BalanceTypes.Monetary, DebitFixture.Money("money", 21))));
        var cd = DebitFixture.Call("vdf", "call", "rif", "other", "0723045326", Utc(2013, 9, 24, 10, 48), Utc(2013, 9, 24, 10, 48, 30));
        var (cc, error) = await f.Service.DebitAsync(new DebitRequest(cd) { BalanceFactorId = "call" });
        Assert.Null(error);
        Assert.Equal("testm", cc!.Timespans[0].Increments[0].BalanceInfo!.Unit!.Uuid);
        var account = await f.GetAsync("vdf:other");
        Assert.Equal(99.49999m, Find(account, BalanceTypes.Generic, "testm").Value);
        Assert.Equal(21m, Find(account, BalanceTypes.Monetary, "money").Value);
    }

    [Fact]
    public async Task GetMaxUsage_AllowNegative_IsUnlimited()
    {
        var f = new DebitFixture("engine_loader_csv", 6);
        var post = DebitFixture.Account("vdf", "post");
        post.AllowNegative = true;
        await f.SaveAsync(post);
        var cd = DebitFixture.Call("vdf", "0", "rif", "post", "0723", Utc(2013, 10, 21, 18, 34), Utc(2013, 10, 21, 19, 34));
        var (usage, error) = await f.Service.GetMaxUsageAsync(new DebitRequest(cd));
        Assert.Null(error);
        Assert.Equal(-1L, usage.Nanoseconds);
    }

    [Fact]
    public async Task Debit_MissingAccount_AccountNotFound()
    {
        var f = new DebitFixture("engine_loader_csv", 6);
        var cd = DebitFixture.Call("vdf", "0", "rif", "nobody", "0723", Utc(2013, 10, 21, 18, 34), Utc(2013, 10, 21, 18, 35));
        Assert.Equal(ErrorCodes.AccountNotFound, (await f.Service.DebitAsync(new DebitRequest(cd))).Error);
    }

    [Fact]
    public async Task Debit_DisabledAccount_AccountDisabled()
    {
        var f = new DebitFixture("engine_loader_csv", 6);
        var account = DebitFixture.Account("vdf", "off", (BalanceTypes.Monetary, DebitFixture.Money("m", 10)));
        account.Disabled = true;
        await f.SaveAsync(account);
        var cd = DebitFixture.Call("vdf", "0", "rif", "off", "0723", Utc(2013, 10, 21, 18, 34), Utc(2013, 10, 21, 18, 35));
        Assert.Equal(ErrorCodes.AccountDisabled, (await f.Service.DebitAsync(new DebitRequest(cd))).Error);
        Assert.Equal(ErrorCodes.AccountDisabled, (await f.Service.GetMaxUsageAsync(new DebitRequest(cd))).Error);
    }
}
