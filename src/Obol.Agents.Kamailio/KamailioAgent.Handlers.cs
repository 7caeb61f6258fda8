using Obol.Evapi;
using Obol.Primitives;

namespace Obol.Agents.Kamailio;

// One handler per evapi event, step by step as kamagent.go's onCgrAuth, onCallStart, onCallEnd, onCgrProcessMessage
// and onCgrProcessCDR.
public sealed partial class KamailioAgent
{
    private async Task OnAuthRequestAsync(EvapiLink link, KamEvent request, CancellationToken ct)
    {
        if (request.IsRequestTypeNone)
        {
            return;
        }
        if (request.IsMissingMandatoryField())
        {
            await SendAsync(link, KamReplies.Error(KamReply.ForAuthRequest(request), KamErrors.MandatoryIeMissing), "auth reply", ct)
                .ConfigureAwait(false);
            return;
        }
        var (ev, invalid) = KamSessionArgs.ToCgrEvent(request, MappingFor(link), link.Index);
        if (ev is null)
        {
            // CGRateS drops the request and Kamailio answers 408 after its 30 s timer; refusing at once is kinder.
            _log($"<KamailioAgent> cannot build auth arguments for {request.Get(KamFields.OriginId)}: {invalid}");
            await SendAsync(link, KamReplies.Error(KamReply.ForAuthRequest(request), invalid!), "auth reply", ct).ConfigureAwait(false);
            return;
        }
        var args = KamSessionArgs.Authorize(ev, request.Get(KamFields.CgrFlags));
        var (reply, error) = await _sessions.AuthorizeAsync(args, ct).ConfigureAwait(false);
        await SendAsync(link, KamReplies.Authorize(request, args, reply, error), "auth reply", ct).ConfigureAwait(false);
    }

    private async Task OnCallStartAsync(EvapiLink link, KamEvent start, CancellationToken ct)
    {
        if (start.IsRequestTypeNone)
        {
            return;
        }
        var hashEntry = start.Get(KamFields.HashEntry) ?? "";
        var hashId = start.Get(KamFields.HashId) ?? "";
        if (start.IsMissingMandatoryField())
        {
            await SendAsync(link, new KamSessionDisconnect(hashEntry, hashId, KamErrors.MandatoryIeMissing), "disconnect", ct).ConfigureAwait(false);
            return;
        }
        var (ev, invalid) = KamSessionArgs.ToCgrEvent(start, MappingFor(link), link.Index);
        if (ev is null)
        {
            _log($"<KamailioAgent> cannot build init session arguments for {start.Get(KamFields.OriginId)}: {invalid}");
            return;
        }
        var (_, error) = await _sessions.InitiateAsync(KamSessionArgs.Initiate(ev, start.Get(KamFields.CgrFlags)), _options.ClientId, ct)
            .ConfigureAwait(false);
        if (error is not null)
        {
            _log($"<KamailioAgent> could not process answer for event {start.Get(KamFields.OriginId)}, error: {error}");
            await SendAsync(link, new KamSessionDisconnect(hashEntry, hashId, ErrorCodes.ServerError), "disconnect", ct).ConfigureAwait(false);
        }
    }

    private async Task OnCallEndAsync(EvapiLink link, KamEvent end, CancellationToken ct)
    {
        if (end.IsRequestTypeNone)
        {
            return;
        }
        var originId = end.Get(KamFields.OriginId);
        if (end.IsMissingMandatoryField())
        {
            _log($"<KamailioAgent> mandatory IE missing out from event: {originId}");
            return;
        }
        var (ev, invalid) = KamSessionArgs.ToCgrEvent(end, MappingFor(link), link.Index);
        if (ev is null)
        {
            _log($"<KamailioAgent> cannot build terminate session arguments for {originId}: {invalid}");
            return;
        }
        var flags = end.Get(KamFields.CgrFlags);
        var error = await _sessions.TerminateAsync(KamSessionArgs.Terminate(ev, flags), _options.ClientId, ct).ConfigureAwait(false);
        if (error is not null)
        {
            // The CDR is still wanted, as in CGRateS.
            _log($"<KamailioAgent> could not terminate session with event {originId}, error: {error}");
        }
        if (_options.CreateCdr || KamFlags.RequestsCdr(flags))
        {
            if (await _sessions.ProcessCdrAsync(ev, ct).ConfigureAwait(false) is { } cdrError)
            {
                _log($"<KamailioAgent> failed processing CDR for {originId}, error: {cdrError}");
            }
        }
    }

    private async Task OnProcessMessageAsync(EvapiLink link, KamEvent message, CancellationToken ct)
    {
        if (message.IsMissingMandatoryField())
        {
            await SendAsync(link, KamReplies.Error(KamReply.ForProcessMessage(message), KamErrors.MandatoryIeMissing), "process message reply", ct)
                .ConfigureAwait(false);
            return;
        }
        var flags = message.Get(KamFields.CgrFlags);
        if (flags is null)
        {
            // A ping, answered empty. CGRateS then sends the same empty reply a second time from a SessionS call that asks
            // for nothing; once is enough.
            await SendAsync(link, KamReply.ForProcessMessage(message), "process message reply", ct).ConfigureAwait(false);
            return;
        }
        var (ev, invalid) = KamSessionArgs.ToCgrEvent(message, MappingFor(link), link.Index);
        if (ev is null)
        {
            await SendAsync(link, KamReplies.Error(KamReply.ForProcessMessage(message), invalid!), "process message reply", ct).ConfigureAwait(false);
            return;
        }
        var args = KamSessionArgs.ProcessMessage(ev, flags);
        var (reply, error) = await _sessions.ProcessMessageAsync(args, ct).ConfigureAwait(false);
        await SendAsync(link, KamReplies.ProcessMessage(message, args, reply, error, _options.RouteProfile), "process message reply", ct)
            .ConfigureAwait(false);
    }

    private async Task OnProcessCdrAsync(EvapiLink link, KamEvent message, CancellationToken ct)
    {
        if (message.IsMissingMandatoryField())
        {
            await SendAsync(link, KamReplies.Error(KamReply.ForProcessCdr(message), KamErrors.MandatoryIeMissing), "process CDR reply", ct)
                .ConfigureAwait(false);
            return;
        }
        var (ev, invalid) = KamSessionArgs.ToCgrEvent(message, MappingFor(link), link.Index);
        var error = ev is null ? invalid : await _sessions.ProcessCdrAsync(ev, ct).ConfigureAwait(false);
        await SendAsync(link, KamReplies.Error(KamReply.ForProcessCdr(message), error ?? ""), "process CDR reply", ct).ConfigureAwait(false);
    }
}
