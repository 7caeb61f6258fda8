namespace Obol.Exporters;

/// <summary>An exporter whose configuration cannot work (unknown type, bad field template); raised when the exporter is
/// built so no event ever fails on it. The message names the exporter and, when it is a field, the field's tag.</summary>
public sealed class ExporterDefinitionException : Exception
{
    public ExporterDefinitionException()
    {
    }

    public ExporterDefinitionException(string message)
        : base(message)
    {
    }

    public ExporterDefinitionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public string ExporterId { get; init; } = "";

    /// <summary>The tag of the offending field template, empty when the problem is the exporter itself.</summary>
    public string FieldTag { get; init; } = "";

    internal static ExporterDefinitionException ForField(string exporterId, string tag, string reason, Exception? inner = null) =>
        new($"exporter <{exporterId}> field <{tag}>: {reason}", inner) { ExporterId = exporterId, FieldTag = tag };

    internal static ExporterDefinitionException ForExporter(string exporterId, string reason) =>
        new($"exporter <{exporterId}>: {reason}") { ExporterId = exporterId };
}
