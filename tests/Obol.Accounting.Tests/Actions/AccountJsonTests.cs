using NodaTime;
using Obol.Primitives;
using Xunit;
using static Obol.Accounting.Tests.Actions.ActionFixture;

namespace Obol.Accounting.Tests.Actions;

/// <summary>The account JSON *log and *http_post emit, in Go's encoding/json shape.</summary>
public class AccountJsonTests
{
    [Theory]
    [InlineData("10", "10")]
    [InlineData("10.500", "10.5")]
    [InlineData("-2.25", "-2.25")]
    [InlineData("0", "0")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000001", "1e-7")]
    [InlineData("0.00000012", "1.2e-7")]
    [InlineData("-0.00000000000123", "-1.23e-12")]
    [InlineData("1000000000000000000000", "1e+21")]
    [InlineData("1230000000000000000000", "1.23e+21")]
    [InlineData("999999999999999999999", "999999999999999999999")]
    public void FormatNumber_Decimal_WrittenAsGoWritesTheFloat(string value, string expected)
    {
        Assert.Equal(expected, AccountJson.FormatNumber(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Write_TutorialAccount_HasCGRateSFieldsInOrder()
    {
        var balance = Bal(10, id: "test", weight: 10, uuid: "u1");
        var account = Account((Meta.Monetary, balance));
        account.ActionTriggers =
        [
            new ActionTrigger
            {
                ID = "STANDARD_TRIGGERS", UniqueID = "t1", ThresholdType = ThresholdTypes.MaxBalance, ThresholdValue = 20,
                Balance = new BalanceFilter { Type = Meta.Monetary }, Weight = 10, ActionsId = "ACT_LOG_WARNING",
            },
        ];

        var json = AccountJson.Write(account);

        Assert.Equal(Quoted(
            "{'ID':'cgrates.org:1001','BalanceMap':{'*monetary':[{'Uuid':'u1','ID':'test','Value':10,'ExpirationDate':'0001-01-01T00:00:00Z',"
            + "'Weight':10,'DestinationIDs':{},'RatingSubject':'','Categories':{},'SharedGroups':{},'Timings':null,'TimingIDs':{},"
            + "'Disabled':false,'Factors':null,'Blocker':false}]},'UnitCounters':null,'ActionTriggers':[{'ID':'STANDARD_TRIGGERS',"
            + "'UniqueID':'t1','ThresholdType':'*max_balance','ThresholdValue':20,'Recurrent':false,'MinSleep':0,"
            + "'ExpirationDate':'0001-01-01T00:00:00Z','ActivationDate':'0001-01-01T00:00:00Z','Balance':{'Uuid':null,'ID':null,"
            + "'Type':'*monetary','Value':null,'ExpirationDate':null,'Weight':null,'DestinationIDs':null,'RatingSubject':null,"
            + "'Categories':null,'SharedGroups':null,'TimingIDs':null,'Timings':null,'Disabled':null,'Factors':null,'Blocker':null},"
            + "'Weight':10,'ActionsID':'ACT_LOG_WARNING','MinQueuedItems':0,'Executed':false,'LastExecutionTime':'0001-01-01T00:00:00Z'}],"
            + "'AllowNegative':false,'Disabled':false}"),
            json);
    }

    [Fact]
    public void Write_CountersExpiryAndMaps_SortedKeysAndRfc3339Times()
    {
        var balance = Bal(1.5m, id: "b", destinations: "DST_B;!DST_A", expires: Instant.FromUtc(2025, 1, 2, 3, 4, 5) + Duration.FromMilliseconds(250));
        balance.Factors["*voice"] = 2;
        var account = Account((Meta.Voice, balance), (Meta.Data, Bal(1024)));
        account.UnitCounters[Meta.Monetary] =
        [
            new UnitCounter { CounterType = ThresholdTypes.EventCounter, Counters = [new CounterFilter { Value = 3, Filter = new BalanceFilter { ID = "c1", Value = 2 } }] },
        ];

        var json = AccountJson.Write(account);

        Assert.Contains(Quoted("{'*data':[{"), json, StringComparison.Ordinal);
        Assert.True(json.IndexOf("\"*data\"", StringComparison.Ordinal) < json.IndexOf("\"*voice\"", StringComparison.Ordinal));
        Assert.Contains(Quoted("'ExpirationDate':'2025-01-02T03:04:05.25Z',"), json, StringComparison.Ordinal);
        Assert.Contains(Quoted("'DestinationIDs':{'DST_A':false,'DST_B':true}"), json, StringComparison.Ordinal);
        Assert.Contains(Quoted("'Factors':{'*voice':2}"), json, StringComparison.Ordinal);
        Assert.Contains(Quoted("'UnitCounters':{'*monetary':[{'CounterType':'*event','Counters':[{'Value':3,'Filter':{'Uuid':null,'ID':'c1',"
            + "'Type':null,'Value':{'Method':'','Params':null,'Static':2},"), json, StringComparison.Ordinal);
    }

    // JSON written with single quotes for legibility.
    private static string Quoted(string text) => text.Replace('\'', '"');
}
