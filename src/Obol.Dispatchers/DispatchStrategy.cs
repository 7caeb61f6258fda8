namespace Obol.Dispatchers;

/// <summary>A profile's <c>Strategy</c> (dispatchers/libdispatcher.go newDispatcher).</summary>
public enum DispatchStrategy
{
    /// <summary><c>*weight</c>: hosts by weight, the first that answers.</summary>
    Weight,

    /// <summary><c>*random</c>: hosts shuffled on every request.</summary>
    Random,

    /// <summary><c>*round_robin</c>: each request starts one host further along.</summary>
    RoundRobin,

    /// <summary><c>*broadcast</c>: every host, the first answer is the reply.</summary>
    Broadcast,

    /// <summary><c>*broadcast_sync</c>: every host, waits for all; any failure is <c>PARTIALLY_EXECUTED</c>.</summary>
    BroadcastSync,

    /// <summary><c>*broadcast_async</c>: every host, answered at once without waiting.</summary>
    BroadcastAsync,
}

public static class DispatchStrategies
{
    public static bool TryParse(string text, out DispatchStrategy strategy)
    {
        (var known, strategy) = text switch
        {
            "*weight" => (true, DispatchStrategy.Weight),
            "*random" => (true, DispatchStrategy.Random),
            "*round_robin" => (true, DispatchStrategy.RoundRobin),
            "*broadcast" => (true, DispatchStrategy.Broadcast),
            "*broadcast_sync" => (true, DispatchStrategy.BroadcastSync),
            "*broadcast_async" => (true, DispatchStrategy.BroadcastAsync),
            _ => (false, DispatchStrategy.Weight),
        };
        return known;
    }

    public static bool IsBroadcast(this DispatchStrategy strategy) =>
        strategy is DispatchStrategy.Broadcast or DispatchStrategy.BroadcastSync or DispatchStrategy.BroadcastAsync;
}
