using System.Buffers;
using System.Text;
using NodaTime;
using Obol.Primitives;
using Xunit;
using static Obol.Accounting.Tests.Actions.ActionFixture;

namespace Obol.Accounting.Tests.Actions;

/// <summary>engine.Account.AsOldStructure, the account APIerSv1.GetAccount and GetAccounts answer.</summary>
public class AccountOldStructureJsonTests
{
    [Fact]
    public void WriteOldStructureUtf8_BalancesAndTrigger_OutDirectionJoinedSetsAndSpreadTriggerBalance()
    {
        var balance = Bal(1.5m, id: "b", weight: 10, uuid: "u1", destinations: "DST_B;!DST_A",
            expires: Instant.FromUtc(2025, 1, 2, 3, 4, 5));
        var account = Account((Meta.Monetary, balance), (Meta.Voice, Bal(60_000_000_000m, id: "v", uuid: "u2")));
        // A type without balances has no key.
        account.BalanceMap[Meta.Data] = [];
        account.ActionTriggers =
        [
            new ActionTrigger
            {
                ID = "T1", UniqueID = "x", ThresholdType = ThresholdTypes.MinBalance, ThresholdValue = 2, Recurrent = true,
                MinSleep = Usage.FromSeconds(1),
                Balance = new BalanceFilter { Type = Meta.Monetary, ID = "b", Weight = 5, DestinationIDs = StringMap.Parse("DST_1"),
                    Categories = StringMap.Parse("call;sms") },
                Weight = 20, ActionsId = "ACT", Executed = true,
            },
        ];
        account.Disabled = true;

        var json = Write(account);

        Assert.Equal(Quoted(
            "{'Id':'*out:cgrates.org:1001','BalanceMap':{'*monetary*out':[{'Uuid':'u1','Id':'b','Value':1.5,"
            + "'ExpirationDate':'2025-01-02T03:04:05Z','Weight':10,'DestinationIds':'DST_A;DST_B','RatingSubject':'','Category':'',"
            + "'SharedGroup':'','Timings':null,'TimingIDs':'','Disabled':false}],'*voice*out':[{'Uuid':'u2','Id':'v','Value':60000000000,"
            + "'ExpirationDate':'0001-01-01T00:00:00Z','Weight':0,'DestinationIds':'','RatingSubject':'','Category':'','SharedGroup':'',"
            + "'Timings':null,'TimingIDs':'','Disabled':false}]},'UnitCounters':[],'ActionTriggers':[{'Id':'T1','ThresholdType':'*min_balance',"
            + "'ThresholdValue':2,'Recurrent':true,'MinSleep':1000000000,'BalanceId':'b','BalanceType':'*monetary',"
            + "'BalanceDestinationIds':'DST_1','BalanceWeight':5,'BalanceExpirationDate':'0001-01-01T00:00:00Z','BalanceTimingTags':'',"
            + "'BalanceRatingSubject':'','BalanceCategory':'call;sms','BalanceSharedGroup':'','BalanceDisabled':false,'Weight':20,"
            + "'ActionsId':'ACT','MinQueuedItems':0,'Executed':true}],'AllowNegative':false,'Disabled':true}"),
            json);
    }

    [Fact]
    public void WriteOldStructureUtf8_UnitCountersOfTwoTypes_ListSizedByTypesFilledByEachTypesIndex()
    {
        var account = Account((Meta.Monetary, Bal(1)));
        account.UnitCounters[Meta.Voice] =
        [
            new UnitCounter { Counters = [new CounterFilter { Value = 7, Filter = new BalanceFilter { ID = "v1", Value = 3 } }] },
        ];
        account.UnitCounters[Meta.Monetary] =
        [
            new UnitCounter { Counters = [new CounterFilter { Value = 1, Filter = new BalanceFilter { ID = "m1" } }] },
            new UnitCounter { Counters = [] },
        ];

        var json = Write(account);

        // Two types, so two slots: *voice (later in key order) takes slot 0 from *monetary's first counter, and the
        // filter's value stands for the counter's, as in CGRateS.
        Assert.Contains(Quoted("'UnitCounters':[{'BalanceType':'*voice','Balances':[{'Uuid':'','Id':'v1','Value':3,"), json, StringComparison.Ordinal);
        Assert.Contains(Quoted("]},{'BalanceType':'*monetary','Balances':[]}],'ActionTriggers':[]"), json, StringComparison.Ordinal);
    }

    private static string Write(Account account)
    {
        var buffer = new ArrayBufferWriter<byte>();
        AccountJson.WriteOldStructureUtf8(account, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // JSON written with single quotes for legibility.
    private static string Quoted(string text) => text.Replace('\'', '"');
}
