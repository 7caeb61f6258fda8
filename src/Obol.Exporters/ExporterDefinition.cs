using NodaTime;
using Obol.Config;

namespace Obol.Exporters;

/// <summary>An exporter's configuration checked and compiled once: its zone and field templates.</summary>
internal sealed class ExporterDefinition
{
    internal static readonly HashSet<string> SupportedTypes =
        ["*file_csv", "*file_fwv", "*http_post", "*http_json_map", "*amqp_json_map", "*log", "*none"];

    private ExporterDefinition(ExporterConfig config, DateTimeZone zone, ExportTemplate template)
    {
        Config = config;
        Zone = zone;
        Template = template;
    }

    public ExporterConfig Config { get; }

    public DateTimeZone Zone { get; }

    public ExportTemplate Template { get; }

    public string Id => Config.Id;

    /// <summary>Throws <see cref="ExporterDefinitionException"/> naming the exporter (and field) at fault.</summary>
    public static ExporterDefinition Compile(ExporterConfig config, string defaultTimezone, DateTimeZone localZone)
    {
        if (!SupportedTypes.Contains(config.Type))
        {
            throw ExporterDefinitionException.ForExporter(config.Id, $"unsupported exporter type: <{config.Type}>");
        }
        var zoneName = config.Timezone.Length != 0 ? config.Timezone : defaultTimezone;
        if (!ZoneNames.TryResolve(zoneName, localZone, out var zone))
        {
            throw ExporterDefinitionException.ForExporter(config.Id, $"unknown time zone <{zoneName}>");
        }
        if (Filters.FilterService.CheckInline(config.Filters) is [var problem, ..])
        {
            throw ExporterDefinitionException.ForExporter(config.Id, $"invalid filter: {problem}");
        }
        if (config.Type is "*http_post" or "*http_json_map" && !Uri.TryCreate(config.ExportPath, UriKind.Absolute, out _))
        {
            throw ExporterDefinitionException.ForExporter(config.Id, $"export_path <{config.ExportPath}> is not a URL");
        }
        if (config.Type == "*amqp_json_map")
        {
            _ = AmqpTarget.FromConfig(config);
        }
        return new ExporterDefinition(config, zone, ExportTemplate.Compile(config, zone, localZone));
    }
}
