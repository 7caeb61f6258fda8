namespace Obol.Exporters;

/// <summary>Where the exporters log (the <c>*log</c> exporter, the <c>*log</c> flag, export failures); the engine adapts
/// its logger to it.</summary>
public interface ILogSink
{
    void Info(string message);

    void Warning(string message);
}

/// <summary>Discards everything, for hosts that do not log.</summary>
public sealed class NullLogSink : ILogSink
{
    public static NullLogSink Instance { get; } = new();

    public void Info(string message)
    {
    }

    public void Warning(string message)
    {
    }
}
