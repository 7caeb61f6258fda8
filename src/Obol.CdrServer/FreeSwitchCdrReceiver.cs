using System.Text.Json;
using NodaTime;
using Obol.Primitives;

namespace Obol.CdrServer;

/// <summary>
/// cdrs.go fsCdrHandler without the HTTP around it: the body read as a <see cref="FreeSwitchJsonCdr"/>, made a CDR
/// with <c>cdrs.extra_fields</c> and processed as CDRsV1.ProcessCDR processes one. Failures are logged as CGRateS does.
/// </summary>
public sealed class FreeSwitchCdrReceiver(CdrService cdrs, IReadOnlyList<CdrExtraField> extraFields, IClock clock, Action<string> log)
{
    public async ValueTask<(FreeSwitchCdrOutcome Outcome, string? Error)> ReceiveAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        FreeSwitchJsonCdr posted;
        try
        {
            posted = FreeSwitchJsonCdr.Parse(body);
        }
        catch (JsonException e)
        {
            log($"<CDRS> Could not create CDR entry: {e.Message}");
            return (FreeSwitchCdrOutcome.Malformed, e.Message);
        }
        if (!posted.TryToCdr(cdrs.Options.CdrDefaults, extraFields, clock.GetCurrentInstant(), out var cdr, out var error))
        {
            log($"<CDRS> Could not create AsCDR entry: {error}");
            return (FreeSwitchCdrOutcome.Malformed, error);
        }
        var processed = await cdrs.ProcessCdrAsync(cdr, null, cancellationToken).ConfigureAwait(false);
        if (processed is null)
        {
            return (FreeSwitchCdrOutcome.Processed, null);
        }
        log($"<CDRs> processing CDR: {cdr.Cgrid} ({cdr.OriginId}), err: <{processed}>");
        return (processed == ErrorCodes.Exists ? FreeSwitchCdrOutcome.Duplicate : FreeSwitchCdrOutcome.Failed, processed);
    }
}
