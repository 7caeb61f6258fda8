namespace Obol.Sessions;

/// <summary>An active call, keyed by CGRID, with one <see cref="SessionRun"/> per charger run.</summary>
public sealed class Session
{
    internal Session(string cgrId, IReadOnlyList<SessionRun> runs)
    {
        CgrId = cgrId;
        Runs = runs;
    }

    public string CgrId { get; }

    public IReadOnlyList<SessionRun> Runs { get; }

    /// <summary>True once terminated (by the caller or forced); later debits and terminates are no-ops.</summary>
    public bool IsClosed { get; internal set; }

    internal SemaphoreSlim Lock { get; } = new(1, 1);

    internal CancellationTokenSource LoopStop { get; } = new();

    internal List<Task> Loops { get; } = [];
}
