namespace Obol.Exporters;

/// <summary>An export that failed at run time (the file could not be written, the HTTP peer refused it).</summary>
public sealed class ExportException : Exception
{
    public ExportException()
    {
    }

    public ExportException(string message)
        : base(message)
    {
    }

    public ExportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
