using System.Net.Http.Headers;
using System.Text;
using Obol.Accounting;
using Obol.Logging;

namespace Obol.Rals;

/// <summary>
/// The engine's own effects until CDRs and sessions are connected: <c>*log</c> writes <c>LOG Account: {json}</c> at INFO
/// to the engine log (syslog with <c>-logger=*syslog</c>), as CGRateS does; <c>*http_post</c> posts with an HttpClient;
/// CDR and session actions report that their service is not connected.
/// </summary>
public sealed class LoggingActionEffects(EngineLog log, HttpClient? http = null) : IActionEffects
{
    private readonly HttpClient _http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

    public void LogAccount(Account account, string accountJson) => log.Info($"LOG Account: {accountJson}");

    public void Log(ActionLogLevel level, string message) => log.Write(level switch
    {
        ActionLogLevel.Error => SyslogSeverity.Error,
        ActionLogLevel.Warning => SyslogSeverity.Warning,
        _ => SyslogSeverity.Informational,
    }, message);

    public async Task PostAsync(string url, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(new Uri(url), content).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public void WriteCdrs(IReadOnlyList<ActionCdr> cdrs) => throw new InvalidOperationException("No connection with CDR Server");

    public void PublishAccount(Account account)
    {
    }

    public void ForceDisconnectSessions(SessionsRequest request) =>
        log.Warning($"*force_disconnect_sessions for {request.Tenant}: no SessionS connected");

    public void RemoveSessionCosts(string filterIds) => throw new InvalidOperationException("no StorDB with session costs connected");

    public void AlterSessions(SessionsRequest request) => log.Warning($"*alter_sessions for {request.Tenant}: no SessionS connected");

    public void JoinSharedGroup(string sharedGroupId, string accountId)
    {
    }
}
