using Obol.Primitives;
using NodaTime;
using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Xunit;

namespace Obol.Storage.Sqlite.Tests;

/// <summary>Action lists and action plans through their stored JSON and back, field for field.</summary>
public class RalsStateJsonTests
{
    private static readonly DateTimeZone s_zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Fact]
    public void AccountActionJson_EveryField_RoundTrips()
    {
        var action = new AccountAction
        {
            Id = "ACT_1",
            ActionType = "*topup",
            ExtraParameters = """{"Key":"v"}""",
            FilterIds = ["*string:~*req.Account:1001", "FLTR_2"],
            ExpiryTime = "*monthly",
            Weight = 20.50m,
            ValueFormula = new BalanceValueFormula("*incremental", 0m, 10.0m, "month", "day"),
            Balance = new BalanceFilter
            {
                Uuid = "u-1",
                ID = "MonetaryBalance",
                Type = "*monetary",
                Value = 0.10000m,
                ExpirationDate = Instant.FromUtc(2030, 1, 2, 3, 4, 5) + Duration.FromNanoseconds(123),
                ExpirationDateSet = true,
                Weight = 10m,
                DestinationIDs = StringMap.Parse("DST_FS;!DST_1003"),
                RatingSubject = "*zero1s",
                Categories = StringMap.Parse("call"),
                SharedGroups = StringMap.Parse("SG;x!y"),
                TimingIDs = StringMap.Parse("!PEAK"),
                Disabled = false,
                Blocker = true,
                Factors = new Dictionary<string, decimal> { ["call"] = 1.5m, ["sms"] = 2m },
            },
        };

        var back = Assert.Single(AccountActionJson.Read(AccountActionJson.Write([action])));

        Assert.Equal(action.Id, back.Id);
        Assert.Equal(action.ActionType, back.ActionType);
        Assert.Equal(action.ExtraParameters, back.ExtraParameters);
        Assert.Equal(action.FilterIds, back.FilterIds);
        Assert.Equal(action.ExpiryTime, back.ExpiryTime);
        Assert.Equal("20.50", back.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(action.ValueFormula, back.ValueFormula);
        var (a, b) = (action.Balance, back.Balance);
        Assert.Equal((a.Uuid, a.ID, a.Type, a.ExpirationDate, a.ExpirationDateSet, a.Weight, a.RatingSubject, a.Disabled, a.Blocker),
            (b.Uuid, b.ID, b.Type, b.ExpirationDate, b.ExpirationDateSet, b.Weight, b.RatingSubject, b.Disabled, b.Blocker));
        Assert.Equal("0.10000", b.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(a.DestinationIDs, b.DestinationIDs);
        Assert.False(b.DestinationIDs!["DST_1003"]);
        Assert.Equal(a.Categories, b.Categories);
        Assert.Equal(a.SharedGroups, b.SharedGroups);
        Assert.Equal(a.TimingIDs, b.TimingIDs);
        Assert.Equal(a.Factors, b.Factors);
    }

    [Fact]
    public void AccountActionJson_UnsetFields_StayUnsetAndEmptyMapsStayEmpty()
    {
        var action = new AccountAction
        {
            Id = "A",
            ActionType = "*log",
            Balance = new BalanceFilter { DestinationIDs = new StringMap(), Uuid = "" },
        };

        var json = AccountActionJson.Write([action, action with { ActionType = "*disable_account" }]);
        var back = AccountActionJson.Read(json);

        Assert.Equal(2, back.Count);
        Assert.Equal("*disable_account", back[1].ActionType);
        var b = back[0].Balance;
        Assert.Equal("", b.Uuid);
        Assert.NotNull(b.DestinationIDs);
        Assert.Empty(b.DestinationIDs);
        Assert.Null(b.ID);
        Assert.Null(b.Type);
        Assert.Null(b.Value);
        Assert.Null(b.ExpirationDate);
        Assert.False(b.ExpirationDateSet);
        Assert.Null(b.Weight);
        Assert.Null(b.Categories);
        Assert.Null(b.SharedGroups);
        Assert.Null(b.TimingIDs);
        Assert.Null(b.RatingSubject);
        Assert.Null(b.Disabled);
        Assert.Null(b.Blocker);
        Assert.Null(b.Factors);
        Assert.Null(back[0].ValueFormula);
        Assert.Empty(back[0].FilterIds);
        Assert.Equal("", back[0].ExpiryTime);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""[{"Id":"A","Weight":"ten"}]""")]
    [InlineData("""{"Id":"A"}""")]
    public void AccountActionJson_Garbage_InvalidData(string text)
    {
        Assert.Throws<InvalidDataException>(() => AccountActionJson.Read(text));
    }

    public static TheoryData<string> PredefinedIds => [.. PredefinedTimings.Ids];

    [Theory]
    [MemberData(nameof(PredefinedIds))]
    public void ActionPlanJson_PredefinedTiming_RebuildsAnEquivalentSchedule(string timingId)
    {
        var setAt = new LocalDateTime(2024, 1, 31, 10, 15, 30).InZoneLeniently(s_zone);
        var schedule = PredefinedTimings.Create(timingId, setAt)!;

        var back = RoundTrip(schedule);

        AssertSameSchedule(schedule, back);
    }

    [Theory]
    [InlineData("", "", "", "", "", "*asap")]
    [InlineData("", "", "", "", "", "+1h30m")]
    [InlineData("T1", "2025;2026", "", "", "", "08:00:00")]
    [InlineData("T2", "", "1;6", "-1", "", "*:30:00")]
    [InlineData("T3", "", "", "", "1;2;3;4;5", "")]
    [InlineData("*monthly_estimated", "", "", "31", "", "00:00:00")]
    public void ActionPlanJson_TimingFields_RebuildAnEquivalentSchedule(string timingId, string years, string months, string monthDays, string weekDays,
        string startTime)
    {
        static int[] Ints(string list) => [.. list.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
        var schedule = ActionTimingSchedule.Create(timingId, Ints(years), Ints(months), Ints(monthDays), Ints(weekDays), startTime);

        AssertSameSchedule(schedule, RoundTrip(schedule));
    }

    [Fact]
    public void ActionPlanJson_Plan_KeepsIdUuidsWeightsAndAccounts()
    {
        var plan = new ActionPlan("AP_1",
            [
                new ActionTiming("8d1f7c0e-uuid-1", ActionTimingSchedule.Asap, "ACT_TOPUP", 10m),
                new ActionTiming("8d1f7c0e-uuid-2", ActionTimingSchedule.Create("*any", [], [], [], [], "00:00:00"), "ACT_LOG", 20.5m),
            ],
            new HashSet<string>(StringComparer.Ordinal) { "cgrates.org:1002", "cgrates.org:1001" });

        var back = ActionPlanJson.Read(ActionPlanJson.Write(plan));

        Assert.Equal("AP_1", back.Id);
        Assert.Equal(plan.AccountIds.Order(StringComparer.Ordinal), back.AccountIds.Order(StringComparer.Ordinal));
        Assert.Equal(plan.ActionTimings.Select(t => (t.Uuid, t.ActionsId, t.Weight)), back.ActionTimings.Select(t => (t.Uuid, t.ActionsId, t.Weight)));
        Assert.Equal(ActionTimingKind.Asap, back.ActionTimings[0].Schedule.Kind);
    }

    [Fact]
    public void ActionPlanJson_UnparsableTiming_InvalidData()
    {
        const string text = """{"Id":"AP","AccountIds":[],"ActionTimings":[{"Uuid":"u","ActionsId":"A","Weight":1,"TimingId":"T","StartTime":"+forever"}]}""";

        var e = Assert.Throws<InvalidDataException>(() => ActionPlanJson.Read(text));
        Assert.Contains("+forever", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_PutsAndDeletes_AppliedTogether()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        await store.Documents.PutAsync("c", "old", "{}");

        await store.Documents.WriteAsync([new JournalWrite("c", "a", "[1]"), new JournalWrite("c", "old", null), new JournalWrite("c", "a", "[2]")]);

        Assert.Equal([KeyValuePair.Create("a", "[2]")], await store.Documents.ListAsync("c"));
    }

    private static ActionTimingSchedule RoundTrip(ActionTimingSchedule schedule)
    {
        var plan = new ActionPlan("AP", [new ActionTiming("u", schedule, "A", 1m)], new HashSet<string>(StringComparer.Ordinal));
        return ActionPlanJson.Read(ActionPlanJson.Write(plan)).ActionTimings[0].Schedule;
    }

    /// <summary>Same fields and the same next runs from a spread of instants (month ends, a DST change, a leap day).</summary>
    private static void AssertSameSchedule(ActionTimingSchedule expected, ActionTimingSchedule actual)
    {
        Assert.Equal((expected.TimingId, expected.StartTime, expected.Kind, expected.Delay, expected.CronLine),
            (actual.TimingId, actual.StartTime, actual.Kind, actual.Delay, actual.CronLine));
        Assert.Equal(expected.Years, actual.Years);
        Assert.Equal(expected.Months, actual.Months);
        Assert.Equal(expected.MonthDays, actual.MonthDays);
        Assert.Equal(expected.WeekDays, actual.WeekDays);
        var from = Instant.FromUtc(2024, 1, 1, 0, 0);
        for (var i = 0; i < 60; i++)
        {
            var reference = from + Duration.FromHours(i * 173.5);
            Assert.Equal(expected.NextStartTime(reference, s_zone), actual.NextStartTime(reference, s_zone));
        }
    }
}
