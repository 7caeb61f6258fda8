using CsCheck;
using NodaTime;
using Obol.Primitives;
using Obol.Rating;
using Xunit;

namespace Obol.Accounting.Tests;

/// <summary>Reading back what AccountJson.Write writes: the stored form of an account.</summary>
public class AccountJsonReaderTests
{
    private static readonly Instant s_t0 = Instant.FromUtc(2024, 5, 1, 8, 30, 15) + Duration.FromNanoseconds(123_456_789);

    [Fact]
    public void Read_FullyPopulatedAccount_WritesBackByteIdentical()
    {
        var json = AccountJson.Write(FullAccount());

        Assert.Equal(json, AccountJson.Write(AccountJsonReader.Read(json)));
    }

    [Fact]
    public void Read_FullyPopulatedAccount_RestoresFieldValues()
    {
        var read = AccountJsonReader.Read(AccountJson.Write(FullAccount()));

        Assert.Equal("cgrates.org", read.Tenant);
        Assert.Equal("1001", read.AccountId);
        Assert.True(read.AllowNegative);
        var b = Assert.Single(read.BalanceMap[BalanceTypes.Voice]);
        Assert.Equal(3_600_000_000_000m, b.Value);
        Assert.Equal(s_t0, b.ExpirationDate);
        Assert.False(b.DestinationIDs["DST_1003"]);
        Assert.Equal(new LocalTime(8, 0), b.Timings[0].StartTime);
        Assert.Equal(new LocalTime(18, 30), b.Timings[0].EndTime);
        Assert.Equal(0.5m, b.Factors["roaming"]);
        Assert.Same(read, b.Owner);
        var trigger = read.ActionTriggers[0];
        Assert.Equal(Usage.FromMinutes(5), trigger.MinSleep);
        Assert.Null(trigger.ExpirationDate);
        Assert.Equal(s_t0, trigger.LastExecutionTime);
        Assert.True(trigger.Balance.ExpirationDateSet);
        Assert.Null(trigger.Balance.ExpirationDate);
        Assert.Equal(12.5m, read.UnitCounters[BalanceTypes.Monetary][0].Counters[0].Value);
    }

    [Fact]
    public void Read_EmptyAccount_WritesBackByteIdentical()
    {
        var json = AccountJson.Write(new Account("cgrates.org", "empty"));

        var read = AccountJsonReader.Read(json);

        Assert.Equal(json, AccountJson.Write(read));
        Assert.Empty(read.ActionTriggers);
        Assert.Empty(read.BalanceMap);
    }

    [Theory]
    [InlineData("0.0000001")]
    [InlineData("-0.00000000000123")]
    [InlineData("1230000000000000000000")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    public void Read_NumberInGoExponentForm_RestoresTheDecimal(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var account = new Account("t", "a");
        account.BalancesOf(BalanceTypes.Monetary).Add(Monetary(value));

        var read = AccountJsonReader.Read(AccountJson.Write(account));

        Assert.Equal(value, read.BalanceMap[BalanceTypes.Monetary][0].Value);
    }

    [Fact]
    public void Read_KnownTenantWithColonInAccount_SplitsAtTheTenant()
    {
        var json = AccountJson.Write(new Account("cgrates.org", "sip:1001"));

        var read = AccountJsonReader.Read(json, "cgrates.org");

        Assert.Equal("sip:1001", read.AccountId);
        Assert.Equal("cgrates.org:sip:1001", read.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"ID\":\"nocolon\"}")]
    [InlineData("{\"ID\":\"t:a\",\"BalanceMap\":null}")]
    public void Read_NotAnAccount_ThrowsInvalidData(string json)
    {
        Assert.Throws<InvalidDataException>(() => AccountJsonReader.Read(json));
    }

    [Fact]
    public void Read_ArbitraryAccounts_WriteReadWriteIsIdentity()
    {
        s_account.Sample(account =>
        {
            var json = AccountJson.Write(account);
            Assert.Equal(json, AccountJson.Write(AccountJsonReader.Read(json)));
        }, iter: 300);
    }

    private static Balance Monetary(decimal value)
    {
        var b = new Balance { Uuid = "u1", ID = Meta.Default };
        b.LoadValue(value);
        return b;
    }

    private static Account FullAccount()
    {
        var account = new Account("cgrates.org", "1001") { AllowNegative = true };
        var timing = new Timing("PEAK", [2024, 2025], [1, 12], [1, 31], [1, 7], new LocalTime(8, 0), new LocalTime(18, 30), "08:00:00");
        var voice = new Balance
        {
            Uuid = "uuid-voice",
            ID = "voice1",
            ExpirationDate = s_t0,
            Weight = 10,
            DestinationIDs = StringMap.Parse("DST_FS;!DST_1003"),
            RatingSubject = "*zero1s",
            Categories = StringMap.Parse("call;sms"),
            SharedGroups = StringMap.Parse("SG1"),
            Timings = [timing],
            TimingIDs = StringMap.Parse("PEAK"),
            Disabled = true,
            Factors = new(StringComparer.Ordinal) { ["roaming"] = 0.5m, ["home"] = 1.25m },
            Blocker = true,
        };
        voice.LoadValue(3_600_000_000_000m);
        account.BalancesOf(BalanceTypes.Voice).Add(voice);
        account.BalancesOf(BalanceTypes.Monetary).Add(Monetary(-12.75m));
        var filter = new BalanceFilter
        {
            Uuid = "f-uuid",
            ID = "f-id",
            Type = BalanceTypes.Monetary,
            Value = 0.0000001m,
            ExpirationDateSet = true,
            Weight = 20,
            DestinationIDs = StringMap.Parse("DST_FS"),
            RatingSubject = "rs",
            Categories = StringMap.Parse("call"),
            SharedGroups = StringMap.Parse("!SG2"),
            TimingIDs = StringMap.Parse("PEAK"),
            Timings = [timing],
            Disabled = false,
            Factors = new(StringComparer.Ordinal) { ["x"] = 2m },
            Blocker = true,
        };
        account.UnitCounters[BalanceTypes.Monetary] =
        [
            new UnitCounter { CounterType = "*balance", Counters = [new CounterFilter { Value = 12.5m, Filter = filter }] },
        ];
        account.ActionTriggers.Add(new ActionTrigger
        {
            ID = "STANDARD_TRIGGERS",
            UniqueID = "t-1",
            ThresholdType = "*min_balance",
            ThresholdValue = 2,
            Recurrent = true,
            MinSleep = Usage.FromMinutes(5),
            ActivationDate = s_t0,
            Balance = filter,
            Weight = 10,
            ActionsId = "LOG_WARNING",
            Executed = true,
            LastExecutionTime = s_t0,
        });
        account.ActionTriggers.Add(new ActionTrigger { ID = "EMPTY", ExpirationDate = s_t0, Balance = new BalanceFilter() });
        return account;
    }

    private static readonly Gen<string> s_id = Gen.String[Gen.Char["abc:*_!é\"\\\n"], 0, 6];
    private static readonly Gen<decimal> s_decimal = Gen.OneOf(
        Gen.Decimal[-1_000_000m, 1_000_000m], Gen.Int[-12, 12].Select(Gen.Int[1, 999], (e, m) => m * (decimal)Math.Pow(10, e)));
    private static readonly Gen<Instant?> s_time = Gen.OneOf(
        Gen.Const((Instant?)null),
        Gen.Long[0, 4_000_000_000L].Select(Gen.Int[0, 999_999_999], (s, ns) => (Instant?)(Instant.FromUnixTimeSeconds(s) + Duration.FromNanoseconds(ns))));
    private static readonly Gen<StringMap> s_map = Gen.Dictionary(s_id, Gen.Bool)[0, 3].Select(d => new StringMap(d));
    private static readonly Gen<Dictionary<string, decimal>> s_factors =
        Gen.Dictionary(s_id, s_decimal)[0, 2].Select(d => new Dictionary<string, decimal>(d, StringComparer.Ordinal));
    private static readonly Gen<Timing> s_timing = Gen.Select(s_id, Gen.Int[2000, 2030].Array[0, 2], Gen.Int[0, 7].Array[0, 3],
        Gen.Int[0, 86_399], Gen.Int[-1, 86_399], (id, years, weekDays, start, end) =>
        {
            var startTime = LocalTime.FromSecondsSinceMidnight(start);
            return new Timing(id, years, [], [], weekDays, startTime, end < 0 ? null : LocalTime.FromSecondsSinceMidnight(end),
                startTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        });

    private static readonly Gen<Balance> s_balance = Gen.Select(s_id, s_decimal, s_time, s_map, s_timing.List[0, 2], s_factors, Gen.Bool)
        .Select(Gen.Bool, (t, blocker) =>
        {
            var (id, value, expiry, map, timings, factors, disabled) = t;
            var b = new Balance
            {
                Uuid = id + "-u",
                ID = id,
                ExpirationDate = expiry,
                Weight = value / 7,
                DestinationIDs = map,
                RatingSubject = id,
                Categories = map,
                SharedGroups = map,
                Timings = timings,
                TimingIDs = map,
                Disabled = disabled,
                Factors = factors,
                Blocker = blocker,
            };
            b.LoadValue(value);
            return b;
        });

    private static readonly Gen<BalanceFilter> s_filter = Gen.Select(Gen.Bool, s_id, s_decimal, s_time, s_map, s_timing.List[0, 2], s_factors)
        .Select(Gen.Bool, (t, expirySet) =>
        {
            var (set, id, value, expiry, map, timings, factors) = t;
            return set
                ? new BalanceFilter
                {
                    Uuid = id, ID = id, Type = id, Value = value, ExpirationDateSet = expirySet, ExpirationDate = expirySet ? expiry : null,
                    Weight = value, DestinationIDs = map, RatingSubject = id, Categories = map, SharedGroups = map, TimingIDs = map,
                    Timings = timings, Disabled = expirySet, Factors = factors, Blocker = !expirySet,
                }
                : new BalanceFilter();
        });

    private static readonly Gen<ActionTrigger> s_trigger = Gen.Select(s_id, s_decimal, Gen.Bool, Gen.Long[0, long.MaxValue], s_time, s_time, s_filter)
        .Select(Gen.Bool, s_time, (t, executed, last) =>
        {
            var (id, value, recurrent, sleep, expiry, activation, filter) = t;
            return new ActionTrigger
            {
                ID = id, UniqueID = id + "u", ThresholdType = "*max_event_counter", ThresholdValue = value, Recurrent = recurrent,
                MinSleep = new Usage(sleep), ExpirationDate = expiry, ActivationDate = activation, Balance = filter, Weight = value,
                ActionsId = id, Executed = executed, LastExecutionTime = last,
            };
        });

    private static readonly Gen<UnitCounter> s_counter = Gen.Select(s_id, Gen.Select(s_decimal, s_filter).List[0, 2], (type, counters) =>
        new UnitCounter { CounterType = type, Counters = counters.ConvertAll(c => new CounterFilter { Value = c.Item1, Filter = c.Item2 }) });

    private static readonly Gen<Account> s_account = Gen.Select(s_id, Gen.Dictionary(s_id, s_balance.List[0, 3])[0, 3],
        Gen.Dictionary(s_id, s_counter.List[0, 2])[0, 2], s_trigger.List[0, 3], Gen.Bool, Gen.Bool,
        (name, balances, counters, triggers, allowNegative, disabled) =>
        {
            var account = new Account("tenant", name) { AllowNegative = allowNegative, Disabled = disabled, ActionTriggers = triggers };
            foreach (var (type, list) in balances)
            {
                account.BalanceMap[type] = list;
            }
            foreach (var (type, list) in counters)
            {
                account.UnitCounters[type] = list;
            }
            return account;
        });
}
