namespace Obol.CdrServer;

/// <summary>utils.EventWithFlags: one processed run as CDRsV2.ProcessEvent answers it — the flags it was processed
/// with (<c>*refund</c> when its previous cost was given back) and the event, the rated CDR's fields once RALs
/// priced it, else the event as it came out of AttributeS and ChargerS.</summary>
public sealed record CdrEventWithFlags(IReadOnlyList<string> Flags, IReadOnlyDictionary<string, object?> Event);

/// <summary>What processEvents answers: null or CGRateS's error, and the processed runs (empty on an error that
/// stopped the processing).</summary>
public sealed record CdrProcessResult(string? Error, IReadOnlyList<CdrEventWithFlags> Events)
{
    public static CdrProcessResult Failed(string error) => new(error, []);
}
