using Obol.Accounting;

namespace Obol.Rals;

/// <summary>The host's effects, with shared-group membership kept inside RALs where the groups live.</summary>
internal sealed class RalsEffects(IActionEffects host, SharedGroupRegistry groups) : IActionEffects
{
    public void LogAccount(Account account, string accountJson) => host.LogAccount(account, accountJson);

    public void Log(ActionLogLevel level, string message) => host.Log(level, message);

    public Task PostAsync(string url, string body) => host.PostAsync(url, body);

    public void WriteCdrs(IReadOnlyList<ActionCdr> cdrs) => host.WriteCdrs(cdrs);

    public void PublishAccount(Account account) => host.PublishAccount(account);

    public void ForceDisconnectSessions(SessionsRequest request) => host.ForceDisconnectSessions(request);

    public void AlterSessions(SessionsRequest request) => host.AlterSessions(request);

    public void RemoveSessionCosts(string filterIds) => host.RemoveSessionCosts(filterIds);

    public void JoinSharedGroup(string sharedGroupId, string accountId)
    {
        groups.Join(sharedGroupId, accountId);
        host.JoinSharedGroup(sharedGroupId, accountId);
    }
}
