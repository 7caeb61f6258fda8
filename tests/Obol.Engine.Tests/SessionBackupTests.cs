using Xunit;

namespace Obol.Engine.Tests;

/// <summary>SessionSv1.BackupActiveSessions over the journal every active session is written to as it changes.</summary>
public sealed class SessionBackupTests
{
    [Fact]
    public async Task BackupActiveSessions_CallsUpThenOneEnded_CountsTheJournalledOnesARestartBringsBack()
    {
        await using var engine = await SessionEngine.StartAsync();
        var none = await engine.CallAsync("SessionSv1.BackupActiveSessions", "\"\"");
        // No debit loop: the first debit, which journals the call, is done when InitiateSession answers.
        await engine.Switch.InitiateAsync("bk1", "1001", "1002", "*prepaid", debitInterval: "0s");
        await engine.Switch.InitiateAsync("bk2", "1002", "1001", "*postpaid");

        var two = await engine.CallAsync("SessionSv1.BackupActiveSessions", "\"\"");
        var terminated = await engine.Switch.TerminateRawAsync("bk2", "1002", "1001", "*postpaid", "20s");
        var one = await engine.CallAsync("SessionSv1.BackupActiveSessions", "\"\"");
        await engine.KillAndRestartAsync();
        var restored = await engine.CallAsync("SessionSv1.GetActiveSessions", "null");

        Assert.Null(terminated.Error);
        Assert.Equal((0, 2, 1), (none.GetInt32(), two.GetInt32(), one.GetInt32()));
        Assert.All(restored.EnumerateArray(), r => Assert.Equal("bk1", r.GetProperty("OriginID").GetString()));
        Assert.NotEmpty(restored.EnumerateArray());
    }
}
