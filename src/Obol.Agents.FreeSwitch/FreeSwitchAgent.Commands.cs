using System.Net.Sockets;
using Obol.Esl;
using H = Obol.Agents.FreeSwitch.FreeSwitchHeaders;

namespace Obol.Agents.FreeSwitch;

// The commands sent back to FreeSWITCH. Failures are logged and returned as text, never thrown: the call goes on
// (or is refused by the dialplan) whatever one command did, as in fsagent.go.
public sealed partial class FreeSwitchAgent
{
    private const string HangupCause = "MANAGER_REQUEST";

    /// <summary>unparkCall: <c>cgr_notify</c> tells the dialplan the verdict, <c>uuid_transfer</c> sends the call back into it.</summary>
    private async Task UnparkAsync(FreeSwitchConnection connection, string uuid, string destination, string notify, CancellationToken ct)
    {
        if (await SetVarAsync(connection, uuid, H.VarNotify, notify, ct).ConfigureAwait(false) is not null)
        {
            return;
        }
        await WithClientAsync(connection, $"uuid_transfer {uuid}", c => c.UuidTransferAsync(uuid, destination, cancellationToken: ct))
            .ConfigureAwait(false);
    }

    /// <summary>disconnectSession: notify first, then hang up (or divert an out-of-credit call to the empty-balance handling).</summary>
    private async Task<string?> DisconnectChannelAsync(FreeSwitchConnection connection, string uuid, string redirect, string notify,
        CancellationToken ct)
    {
        if (await SetVarAsync(connection, uuid, H.VarNotify, notify, ct).ConfigureAwait(false) is { } failed)
        {
            return failed;
        }
        if (notify == H.InsufficientCredit)
        {
            if (_options.EmptyBalanceContext.Length > 0)
            {
                return await WithClientAsync(connection, $"uuid_transfer {uuid}",
                    c => c.UuidTransferAsync(uuid, redirect, "XML", _options.EmptyBalanceContext, ct)).ConfigureAwait(false);
            }
            if (_options.EmptyBalanceAnnFile.Length > 0)
            {
                return await WithClientAsync(connection, $"uuid_broadcast {uuid}",
                    c => c.UuidBroadcastAsync(uuid, "playback!manager_request::" + _options.EmptyBalanceAnnFile, "aleg", ct)).ConfigureAwait(false);
            }
        }
        return await WithClientAsync(connection, $"hangup {uuid}", async c =>
        {
            await c.HangupAsync(uuid, HangupCause, ct).ConfigureAwait(false);
            return "";
        }).ConfigureAwait(false);
    }

    /// <summary><c>uuid_setvar</c>; line breaks (possible in error texts) become spaces so the command stays one line.</summary>
    private Task<string?> SetVarAsync(FreeSwitchConnection connection, string uuid, string name, string value, CancellationToken ct)
    {
        var oneLine = value.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
        return WithClientAsync(connection, $"uuid_setvar {uuid} {name}", c => c.UuidSetVarAsync(uuid, name, oneLine, ct));
    }

    private Task<string?> ApiAsync(FreeSwitchConnection connection, string command, CancellationToken ct) =>
        WithClientAsync(connection, command, c => c.ApiAsync(command, ct));

    private Task<string?> WithClientAsync(FreeSwitchConnection connection, string what, Func<EslClient, Task<string>> send) =>
        connection.Client is { } client
            ? TryAsync(what, () => send(client))
            : Task.FromResult<string?>($"<FreeSWITCHAgent> not connected to FreeSWITCH {connection.Alias} for {what}");

    /// <returns>Null when the command went through, else its error.</returns>
    private async Task<string?> TryAsync(string what, Func<Task<string>> send)
    {
        try
        {
            await send().ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (IsCommandFailure(ex))
        {
            _log($"<FreeSWITCHAgent> {what} failed: {ex.Message}");
            return ex.Message;
        }
    }

    private static bool IsCommandFailure(Exception ex) =>
        ex is EslCommandException or IOException or SocketException or TimeoutException or ArgumentException or ObjectDisposedException;
}
