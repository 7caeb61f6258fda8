using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
using Obol.Events;
using Obol.Evapi;
using Obol.Primitives;

namespace Obol.Agents.Kamailio;

// What SessionS calls on the agent (AgentV1 in CGRateS): disconnect a call, list the live dialogs.
public sealed partial class KamailioAgent
{
    private readonly Channel<IReadOnlyList<KamSessionId>> _dialogLists = Channel.CreateUnbounded<IReadOnlyList<KamSessionId>>();
    private readonly SemaphoreSlim _syncing = new(1, 1);

    /// <summary>
    /// AgentV1.DisconnectSession: <paramref name="ev"/> is the session's start event, with the dialog's h_entry and
    /// h_id and the EvapiConnID this agent attached. Kamailio ends the dialog (BYE to both legs).
    /// </summary>
    /// <returns>Null when sent (or, as CGRateS, when the event names no connection), else the error.</returns>
    public async Task<string?> DisconnectSessionAsync(CgrEvent ev, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var hashEntry = ev.FieldAsString(KamFields.HashEntry) ?? "";
        var hashId = ev.FieldAsString(KamFields.HashId) ?? "";
        if (ev.FieldAsString(KamFields.EvapiConnId) is not { } index)
        {
            _log($"<KamailioAgent> error: <{ErrorCodes.NotFound}:{KamFields.EvapiConnId}> when attempting to disconnect "
                + $"<{KamFields.HashEntry}:{hashEntry}> and <{KamFields.HashId}:{hashId}>");
            return null;
        }
        if (!int.TryParse(index, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var connection)
            || connection < 0 || connection >= _links.Length)
        {
            return $"Index out of range[0,{_links.Length}): {index} ";
        }
        try
        {
            await _links[connection].SendAsync(new KamSessionDisconnect(hashEntry, hashId, KamErrors.InsufficientCredit), cancellationToken)
                .ConfigureAwait(false);
            return null;
        }
        catch (IOException e)
        {
            _log($"<KamailioAgent> failed sending disconnect for <{hashEntry}:{hashId}> on connection {connection}: {e.Message}");
            return e.Message;
        }
    }

    /// <summary>
    /// AgentV1.GetActiveSessionIDs: asks every connected Kamailio for its dialogs and waits for all the answers.
    /// </summary>
    /// <exception cref="InvalidOperationException">No Kamailio could be asked, or one did not answer in time; the
    /// caller must then end no session.</exception>
    public async Task<IReadOnlyList<(string OriginHost, string OriginId)>> GetActiveSessionIdsAsync(CancellationToken cancellationToken = default)
    {
        await _syncing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_dialogLists.Reader.TryRead(out _))
            {
                // A late answer to an earlier sync that timed out.
            }
            var sent = 0;
            foreach (var link in _links)
            {
                try
                {
                    await link.SendAsync(KamDlgListRequest.Instance, cancellationToken).ConfigureAwait(false);
                    sent++;
                }
                catch (IOException e)
                {
                    _log($"<KamailioAgent> failed sending event to connIdx<{link.Index}>: {e.Message}");
                }
            }
            if (sent == 0)
            {
                throw new InvalidOperationException("failed sending dialog list to any connection");
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (_options.ChannelSyncTimeout > TimeSpan.Zero)
            {
                timeout.CancelAfter(_options.ChannelSyncTimeout);
            }
            List<(string, string)> ids = [];
            try
            {
                for (var i = 0; i < sent; i++)
                {
                    var answer = await _dialogLists.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                    ids.AddRange(answer.Select(a => (a.OriginHost, a.OriginId)));
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException("timeout executing dialog list");
            }
            return ids;
        }
        finally
        {
            _syncing.Release();
        }
    }

    private void OnDialogList(EvapiLink link, ReadOnlySequence<byte> payload)
    {
        try
        {
            // Dialogs without cgr variables are named as CALL_START named them: the alias, else Kamailio's address.
            var host = link.Alias.Length > 0 ? link.Alias : link.RemoteAddress;
            _dialogLists.Writer.TryWrite(KamDlgListReply.Parse(payload).ToSessionIds(host));
        }
        catch (EvapiProtocolException e)
        {
            _log($"<KamailioAgent> unmarshalling dialog list from <{link.Address}>: {e.Message}");
        }
    }
}
