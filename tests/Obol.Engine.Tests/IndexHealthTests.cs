using System.Text.Json;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.Get…IndexesHealth and GetReverseFilterHealth: the indexes in force against what the stored profiles give.</summary>
public sealed class IndexHealthTests
{
    [Theory]
    [InlineData("Thresholds")]
    [InlineData("Resources")]
    [InlineData("Stats")]
    [InlineData("Routes")]
    [InlineData("Chargers")]
    [InlineData("Attributes")]
    [InlineData("Dispatchers")]
    public async Task GetIndexesHealth_TutorialPlan_NothingMissingOrBroken(string subsystem)
    {
        await using var engine = await SessionEngine.StartAsync();

        var health = await engine.CallAsync($"APIerSv1.Get{subsystem}IndexesHealth", "{}");

        Assert.Equal("""{"MissingObjects":[],"MissingIndexes":{},"BrokenIndexes":{},"MissingFilters":{}}""", health.GetRawText());
    }

    [Fact]
    public async Task GetReverseFilterHealth_TutorialPlan_NoTypeListed()
    {
        await using var engine = await SessionEngine.StartAsync();

        var health = await engine.CallAsync("APIerSv1.GetReverseFilterHealth", "{}");

        Assert.Equal("{}", health.GetRawText());
    }

    [Fact]
    public async Task GetThresholdsIndexesHealth_StoreChangedUnderTheEngine_ReportsWhatARestartWouldServeDifferently()
    {
        await using var engine = await SessionEngine.StartAsync();
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(engine.DataDir, "obol.db")};Default Timeout=10"))
        {
            await db.OpenAsync(TestContext.Current.CancellationToken);
            await ExecuteAsync(db, "DELETE FROM documents WHERE collection = 'threshold_profiles' AND key = 'cgrates.org:THD_ACNT_1001'");
            await ExecuteAsync(db, """
                UPDATE documents SET json = replace(json, '"FLTR_ACNT_1002"', '"*string:~*req.Account:1009"')
                WHERE collection = 'threshold_profiles' AND key = 'cgrates.org:THD_ACNT_1002'
                """);
            await ExecuteAsync(db, """
                UPDATE documents SET json = replace(json, '"FLTR_FRAUD_ACC"', '"FLTR_GONE"')
                WHERE collection = 'threshold_profiles' AND key = 'cgrates.org:THD_FRAUD'
                """);
        }

        var health = await engine.CallAsync("APIerSv1.GetThresholdsIndexesHealth", "{}");
        var reverse = (await engine.CallAsync("APIerSv1.GetReverseFilterHealth", "{}")).GetProperty("*threshold_filter_indexes");

        Assert.Equal(["cgrates.org:THD_ACNT_1001"], health.GetProperty("MissingObjects").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["THD_ACNT_1002"], Ids(health, "MissingIndexes", "cgrates.org:*string:*req.Account:1009"));
        Assert.Equal(["THD_ACNT_1002"], Ids(health, "BrokenIndexes", "cgrates.org:*string:*req.Account:1002"));
        Assert.Equal(["THD_FRAUD"], Ids(health, "MissingFilters", "cgrates.org:FLTR_GONE"));
        Assert.Equal(["cgrates.org:THD_ACNT_1001"], reverse.GetProperty("MissingObjects").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["FLTR_ACNT_1002"], Ids(reverse, "BrokenReverseIndexes", "cgrates.org:THD_ACNT_1002"));
        Assert.Equal(["FLTR_FRAUD_ACC"], Ids(reverse, "BrokenReverseIndexes", "cgrates.org:THD_FRAUD"));
        Assert.Equal(["THD_FRAUD"], Ids(reverse, "MissingFilters", "cgrates.org:FLTR_GONE"));
    }

    [Fact]
    public async Task GetDispatchersIndexesHealth_ProfileSetThenItsStoredDocumentDeleted_HealthyThenMissingObject()
    {
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.SetDispatcherProfile",
            """{"Tenant":"cgrates.org","ID":"DSP_1001","Subsystems":["*sessions"],"FilterIDs":["FLTR_ACNT_1001"],"Strategy":"*weight","Hosts":[{"ID":"SELF"}]}""");

        var healthy = await engine.CallAsync("APIerSv1.GetDispatchersIndexesHealth", "{}");
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(engine.DataDir, "obol.db")};Default Timeout=10"))
        {
            await db.OpenAsync(TestContext.Current.CancellationToken);
            await ExecuteAsync(db, "DELETE FROM documents WHERE collection = 'dispatcher_profiles' AND key = 'cgrates.org:DSP_1001'");
        }
        var lost = await engine.CallAsync("APIerSv1.GetDispatchersIndexesHealth", "{}");

        Assert.Equal("""{"MissingObjects":[],"MissingIndexes":{},"BrokenIndexes":{},"MissingFilters":{}}""", healthy.GetRawText());
        Assert.Equal(["cgrates.org:DSP_1001"], lost.GetProperty("MissingObjects").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("GetAccountActionPlansIndexHealth", """{"MissingAccountActionPlans":{},"BrokenReferences":{}}""")]
    [InlineData("GetReverseDestinationsIndexHealth", """{"MissingReverseDestinations":{},"BrokenReferences":{}}""")]
    public async Task DerivedIndexHealth_TutorialPlan_CgratesReplyWithNothingToReport(string method, string expected)
    {
        await using var engine = await SessionEngine.StartAsync();

        var health = await engine.CallAsync("APIerSv1." + method, "{}");

        Assert.Equal(expected, health.GetRawText());
    }

    private static IEnumerable<string?> Ids(JsonElement health, string field, string key) =>
        health.GetProperty(field).TryGetProperty(key, out var ids) ? ids.EnumerateArray().Select(e => e.GetString()) : [$"no {key} in {health.GetProperty(field)}"];

    private static async Task ExecuteAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
    }
}
