using Obol.Events;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Sessions;

/// <summary>
/// One ChargerS run of a session (CGRateS SRun): the run's event, the call descriptor kept across debits and the
/// usage bookkeeping of the debit loop. Mutated only under the owning <see cref="Session"/>'s lock.
/// </summary>
public sealed class SessionRun
{
    // The event as the run started, frozen while the call lasts; the writable copy is made at the session's end.
    private readonly FrozenCgrEvent _started;
    private CgrEvent? _final;

    internal SessionRun(int index, string runId, FrozenCgrEvent @event, string requestType, CallDescriptor call)
    {
        Index = index;
        RunId = runId;
        _started = @event;
        RequestType = requestType;
        Call = call;
    }

    /// <summary>The run's position in its session (the journal's key).</summary>
    public int Index { get; }

    public string RunId { get; }

    /// <summary>The run's event fields; Terminate adds Usage, Cost, CostDetails, CostSource (and a DisconnectCause).</summary>
    public IReadOnlyDictionary<string, object?> Fields => _final?.Event ?? (IReadOnlyDictionary<string, object?>)_started.Event;

    /// <summary>The field as a string (utils.IfaceAsString), or null when absent.</summary>
    public string? FieldAsString(string field) => _final is { } final ? final.FieldAsString(field) : _started.FieldAsString(field);

    public Filters.FilterEvent ToFilterEvent() => _final?.ToFilterEvent() ?? _started.ToFilterEvent();

    /// <summary>A writable copy of the run's event as it stands.</summary>
    public CgrEvent CopyEvent() => _final?.Clone() ?? _started.ToCgrEvent();

    /// <summary>The event as the run started (the session's first request after ChargerS).</summary>
    public FrozenCgrEvent StartedEvent => _started;

    /// <summary>Sets a field of the run's event; only the session's end does, so only ended runs pay for a writable map.</summary>
    internal void SetField(string field, object? value) => (_final ??= _started.ToCgrEvent()).Event[field] = value;

    public string RequestType { get; }

    /// <summary>The descriptor of the last debit (TimeStart/TimeEnd, cumulative DurationIndex, LoopIndex, MaxCostSoFar).</summary>
    public CallDescriptor Call { get; }

    /// <summary>Usage granted so far.</summary>
    public Usage TotalUsage { get; internal set; }

    /// <summary>Usage granted by the last debit.</summary>
    public Usage LastUsage { get; internal set; }

    /// <summary>Debited but not yet granted (increments larger than asked, or LastUsed corrections); may be negative.</summary>
    public Usage ExtraDuration { get; internal set; }

    /// <summary>All debits merged; null until the first debit that charged something.</summary>
    public CallCost? CallCost { get; internal set; }

    /// <summary>Built at terminate from the final (trimmed, rounded) <see cref="CallCost"/>.</summary>
    public EventCost? EventCost { get; internal set; }

    /// <summary><see cref="EventCost"/> as the journal stored it at settlement (null when not journaled): the run's
    /// CDR carries the same JSON, written once.</summary>
    public string? SettledCostJson { get; internal set; }

    /// <summary>Debits journaled so far (the next debit's sequence number).</summary>
    public int DebitCount { get; internal set; }

    /// <summary>True once the run's final cost is settled (a restored run whose settlement survived the crash).</summary>
    public bool IsSettled { get; internal set; }

    /// <summary>*prepaid and *dynaprepaid runs are debited during the session.</summary>
    public bool IsPrepaid => RequestType is Meta.Prepaid or SessionRequestTypes.DynaPrepaid;
}
