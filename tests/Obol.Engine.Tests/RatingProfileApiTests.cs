using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.SetRatingProfile and RemoveRatingProfile: a subject given a rating profile over the API is rated
/// at once, keeps it across a SIGKILL and restart, and loses it when it is removed.</summary>
public sealed class RatingProfileApiTests
{
    [Fact]
    public async Task SetRatingProfile_NewSubject_RatedByItsPlan_KeptAcrossRestart_UnratedWhenRemoved()
    {
        await using var engine = await SessionEngine.StartAsync();
        var before = await engine.Api.CallRawAsync("APIerSv1.GetCost", System.Text.Encoding.UTF8.GetBytes(Cost("2001")));

        var unknownPlan = await engine.Api.CallRawAsync("APIerSv1.SetRatingProfile", """
            {"Tenant":"cgrates.org","Category":"call","Subject":"2001","RatingPlanActivations":[{"ActivationTime":"2014-01-14T00:00:00Z","RatingPlanId":"RP_NOPE"}]}
            """u8.ToArray());
        var set = await engine.CallAsync("APIerSv1.SetRatingProfile", """
            {"Tenant":"cgrates.org","Category":"call","Subject":"2001","RatingPlanActivations":[{"ActivationTime":"2014-01-14T00:00:00Z","RatingPlanId":"RP_1001"}]}
            """);
        var as1001 = await engine.TariffCostAsync("1001", "1002", "1m");
        var rated = await engine.TariffCostAsync("2001", "1002", "1m");
        await engine.KillAndRestartAsync();
        var restarted = await engine.TariffCostAsync("2001", "1002", "1m");
        var removed = await engine.CallAsync("APIerSv1.RemoveRatingProfile", """{"Tenant":"cgrates.org","Category":"call","Subject":"2001"}""");
        var after = await engine.Api.CallRawAsync("APIerSv1.GetCost", System.Text.Encoding.UTF8.GetBytes(Cost("2001")));

        Assert.NotNull(before.Error);
        Assert.Equal("NOT_FOUND:RatingPlanId:RP_NOPE", unknownPlan.Error);
        Assert.Equal(("OK", "OK"), (set.GetString(), removed.GetString()));
        Assert.Equal((as1001, as1001), (rated, restarted));
        Assert.Equal(before.Error, after.Error);
    }

    private static string Cost(string subject) =>
        $$"""{"Tenant":"cgrates.org","Category":"call","Subject":"{{subject}}","AnswerTime":"2026-01-05T10:00:05Z","Destination":"1002","Usage":"1m"}""";
}
