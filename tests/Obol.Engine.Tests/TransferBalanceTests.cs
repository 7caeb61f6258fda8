using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.TransferBalance (<c>*transfer_balance</c>): units moved between two accounts' balances in one write.</summary>
public sealed class TransferBalanceTests
{
    [Fact]
    public async Task TransferBalance_BetweenAccounts_BothChangedKeptAcrossRestartAndRefusedWhenShort()
    {
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.SetBalance", """{"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":10,"Balance":{"ID":"src"}}""");
        await engine.CallAsync("APIerSv1.SetBalance", """{"Tenant":"cgrates.org","Account":"1002","BalanceType":"*monetary","Value":1,"Balance":{"ID":"dst"}}""");

        var moved = await engine.CallAsync("APIerSv1.TransferBalance", Transfer(units: 3));
        var (source, destination) = (await BalanceAsync(engine, "1001", "src"), await BalanceAsync(engine, "1002", "dst"));
        var toReference = await engine.CallAsync("APIerSv1.TransferBalance", Transfer(units: 1, reference: 10));
        var (sourceAfter, destinationAfter) = (await BalanceAsync(engine, "1001", "src"), await BalanceAsync(engine, "1002", "dst"));
        var shortOf = await engine.Api.CallRawAsync("APIerSv1.TransferBalance", JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(Transfer(units: 100)).RootElement));
        var noDestination = await engine.Api.CallRawAsync("APIerSv1.TransferBalance",
            JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(Transfer(units: 1, destination: "9999")).RootElement));
        var missing = await engine.Api.CallRawAsync("APIerSv1.TransferBalance", "{}"u8.ToArray());
        await engine.KillAndRestartAsync();

        Assert.Equal(("", ""), (moved.GetString(), toReference.GetString()));
        Assert.Equal((7m, 4m), (source, destination));
        // The reference value asks for what brings the destination to 10: 6 more, whatever Units says.
        Assert.Equal((1m, 10m), (sourceAfter, destinationAfter));
        Assert.Equal("SERVER_ERROR: insufficient credits in source balance \"src\" (account \"cgrates.org:1001\") for transfer of 100.00 units", shortOf.Error);
        Assert.Equal("SERVER_ERROR: retrieving destination account failed: NOT_FOUND", noDestination.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [SourceAccountID SourceBalanceID DestinationAccountID DestinationBalanceID Units]", missing.Error);
        Assert.Equal((1m, 10m), (await BalanceAsync(engine, "1001", "src"), await BalanceAsync(engine, "1002", "dst")));
    }

    [Fact]
    public async Task GetAccountIDs_SearchAndPage_TenantsAccountIds()
    {
        await using var engine = await SessionEngine.StartAsync();

        var all = await engine.CallAsync("APIerSv1.GetAccountIDs", """{"Tenant":"cgrates.org"}""");
        var searched = await engine.CallAsync("APIerSv1.GetAccountIDs", """{"Tenant":"cgrates.org","Search":"02"}""");
        var page = await engine.CallAsync("APIerSv1.GetAccountIDs", """{"Tenant":"cgrates.org","Limit":1,"Offset":1}""");
        var none = await engine.Api.CallRawAsync("APIerSv1.GetAccountIDs", """{"Tenant":"other.org"}"""u8.ToArray());

        var ids = all.EnumerateArray().Select(i => i.GetString()).ToList();
        Assert.Contains("1001", ids);
        Assert.Contains("1002", ids);
        Assert.Equal(["1002"], searched.EnumerateArray().Select(i => i.GetString()));
        Assert.Equal([ids[1]], page.EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("NOT_FOUND", none.Error);
    }

    private static string Transfer(decimal units, decimal? reference = null, string destination = "1002") =>
        $$"""{"Tenant":"cgrates.org","SourceAccountID":"1001","SourceBalanceID":"src","DestinationAccountID":"{{destination}}","DestinationBalanceID":"dst","Units":{{units}}{{(reference is { } r ? $",\"DestinationReferenceValue\":{r}" : "")}}}""";

    private static async Task<decimal> BalanceAsync(SessionEngine engine, string account, string id) =>
        (await engine.CallAsync("APIerSv2.GetAccount", $$"""{"Tenant":"cgrates.org","Account":"{{account}}"}"""))
            .GetProperty("BalanceMap").GetProperty("*monetary").EnumerateArray().Single(b => b.GetProperty("ID").GetString() == id)
            .GetProperty("Value").GetDecimal();
}
