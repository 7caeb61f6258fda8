using Obol.Accounting;

namespace Obol.Rals.Tests;

/// <summary>Records what actions send out of the account.</summary>
internal sealed class RecordingEffects : IActionEffects
{
    public List<(string AccountId, string Json)> LoggedAccounts { get; } = [];

    public List<string> Messages { get; } = [];

    public void LogAccount(Account account, string accountJson)
    {
        lock (LoggedAccounts)
        {
            LoggedAccounts.Add((account.Id, accountJson));
        }
    }

    public void Log(ActionLogLevel level, string message)
    {
        lock (Messages)
        {
            Messages.Add($"{level}: {message}");
        }
    }

    public Task PostAsync(string url, string body) => Task.CompletedTask;

    public void WriteCdrs(IReadOnlyList<ActionCdr> cdrs) => throw new InvalidOperationException("No connection with CDR Server");

    public void PublishAccount(Account account)
    {
    }

    public void ForceDisconnectSessions(SessionsRequest request)
    {
    }

    public void AlterSessions(SessionsRequest request)
    {
    }

    public void RemoveSessionCosts(string filterIds)
    {
    }

    public void JoinSharedGroup(string sharedGroupId, string accountId)
    {
    }
}
