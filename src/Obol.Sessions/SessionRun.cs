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
    internal SessionRun(int index, string runId, CgrEvent @event, string requestType, CallDescriptor call)
    {
        Index = index;
        RunId = runId;
        Event = @event;
        RequestType = requestType;
        Call = call;
    }

    /// <summary>The run's position in its session (the journal's key).</summary>
    public int Index { get; }

    public string RunId { get; }

    /// <summary>The run's event; Terminate writes Usage, Cost, CostDetails and CostSource into it.</summary>
    public CgrEvent Event { get; }

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

    /// <summary>Debits journaled so far (the next debit's sequence number).</summary>
    public int DebitCount { get; internal set; }

    /// <summary>True once the run's final cost is settled (a restored run whose settlement survived the crash).</summary>
    public bool IsSettled { get; internal set; }

    /// <summary>*prepaid and *dynaprepaid runs are debited during the session.</summary>
    public bool IsPrepaid => RequestType is Meta.Prepaid or SessionRequestTypes.DynaPrepaid;
}
