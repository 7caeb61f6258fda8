using System.Text.Json;
using NodaTime;
using Obol.GoJson;
using Obol.Rating;
using Xunit;

namespace Obol.Api.Tests;

public class EventCostJsonTests
{
    [Theory]
    [InlineData("1002", "20s")]
    [InlineData("1002", "1m25s")]
    [InlineData("1003", "20s")]
    [InlineData("1002", "2h")]
    public async Task Write_TutorialCosts_MatchTheGoSerializerByteForByte(string destination, string usage)
    {
        await using var api = await ApiCalls.StartAsync();
        var cost = CostQuery.Run(api.Rals.Rating, new AttrGetCost
        {
            Tenant = "cgrates.org",
            Category = "call",
            Subject = "1001",
            AnswerTime = "2014-08-04T13:00:00+02:00",
            Destination = destination,
            Usage = usage,
        },
            DateTimeZone.Utc, SystemClock.Instance.GetCurrentInstant()).Cost!;
        cost.Accounting["acc1"] = new BalanceCharge("cgrates.org:1001", "uuid-1", "r1", 0.5m, null, "");
        cost.Accounting["acc0"] = new BalanceCharge("cgrates.org:1001", "uuid-<&>", "r1", 1e-7m, 2m, "x");
        cost.AccountSummary = new AccountSummary
        {
            Tenant = "cgrates.org",
            AccountID = "1001",
            AllowNegative = true,
            BalanceSummaries =
            [
                new BalanceSummary { UUID = "u1", ID = "free", Type = "*voice", Initial = 60e9m, Value = 40e9m, Weight = 20 },
                new BalanceSummary { UUID = "u2", ID = "u2", Type = "*monetary", Value = -0.25m, Disabled = true,
                    Factors = new Dictionary<string, decimal> { ["b"] = 2m, ["a"] = 0.5m } },
            ],
        };
        Assert.Equal(JsonSerializer.Serialize(cost, GoJsonOptions.Default), EventCostJson.Write(cost).ToString());
        // The string form reuses one buffer per thread: written twice, after a shorter cost, it is still whole.
        _ = EventCostJson.WriteString(new EventCost());
        Assert.Equal(EventCostJson.Write(cost).ToString(), EventCostJson.WriteString(cost));
    }

    [Fact]
    public void Write_EmptyCost_MatchesTheGoSerializer()
    {
        var cost = new EventCost { AccountSummary = new AccountSummary { AccountID = "1001" } };
        Assert.Equal(JsonSerializer.Serialize(cost, GoJsonOptions.Default), EventCostJson.Write(cost).ToString());
    }

    [Fact]
    public void Write_ChargeWithoutIncrements_WritesNullAsGoDoesForANilSlice()
    {
        var cost = new EventCost { Charges = [new ChargingInterval { RatingID = "r1" }] };

        using var json = JsonDocument.Parse(EventCostJson.Write(cost).ToString());

        var charge = json.RootElement.GetProperty("Charges")[0];
        Assert.Equal(JsonValueKind.Null, charge.GetProperty("Increments").ValueKind);
        Assert.Equal(1, charge.GetProperty("CompressFactor").GetInt32());
    }
}
