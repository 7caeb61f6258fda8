using NodaTime;
using Obol.Config;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Exporters;

/// <summary>One compiled field template (config.FCTemplate) of an exporter or an event reader.</summary>
internal sealed class ExportField
{
    internal const string Exp = "*exp";
    internal const string Hdr = "*hdr";
    internal const string Trl = "*trl";

    /// <summary>The time between two times, end;start, as a Go duration (a CDR's release and answer times).</summary>
    internal const string UsageDifference = "*usage_difference";

    private static readonly string[] s_exportSections = [Exp, Hdr, Trl];

    private static readonly HashSet<string> s_strips = ["", "*right", "*xright", "*left", "*xleft"];
    private static readonly HashSet<string> s_paddings = ["", "*right", "*left", "*zeroleft"];

    private ExportField(FieldTemplate template, string section, string path, string type, ValueRule[] value, DateTimeZone zone)
    {
        Template = template;
        Section = section;
        Path = path;
        Type = type;
        Value = value;
        Zone = zone;
        Padding = template.Type == "*filler" ? "*right" : template.Padding;
    }

    public FieldTemplate Template { get; }

    /// <summary><c>*exp</c>, <c>*hdr</c> or <c>*trl</c> for an exporter; a reader's own (<c>*cgreq</c>, <c>*opts</c>...).</summary>
    public string Section { get; }

    /// <summary>The path after the section, e.g. <c>CGRID</c>.</summary>
    public string Path { get; }

    /// <summary>The effective type (<c>*filler</c> is a right-padded <c>*constant</c>).</summary>
    public string Type { get; }

    public ValueRule[] Value { get; }

    public DateTimeZone Zone { get; }

    public string Padding { get; }

    public string Tag => Template.Tag;

    public static ExportField Compile(string exporterId, FieldTemplate template, DateTimeZone exporterZone, DateTimeZone localZone) =>
        Compile(exporterId, template, exporterZone, localZone, s_exportSections, ExporterDefinitionException.ForField);

    /// <summary>A field whose path starts with one of <paramref name="sections"/>; <paramref name="bad"/> makes the
    /// error naming its owner and tag.</summary>
    internal static ExportField Compile(string ownerId, FieldTemplate template, DateTimeZone ownerZone, DateTimeZone localZone,
        IReadOnlyList<string> sections, Func<string, string, string, Exception?, ExporterDefinitionException> bad)
    {
        var tag = template.Tag.Length != 0 ? template.Tag : template.Path;
        ExporterDefinitionException Bad(string reason, Exception? inner = null) => bad(ownerId, tag, reason, inner);

        var dot = template.Path.IndexOf('.', StringComparison.Ordinal);
        var section = dot > 0 ? template.Path[..dot] : template.Path;
        if (!sections.Contains(section) || dot < 0 || dot == template.Path.Length - 1)
        {
            throw Bad($"unsupported path <{template.Path}> (want {string.Join(", ", sections.Select(s => s + ".X"))})");
        }
        var type = template.Type switch
        {
            "*filler" => "*constant",
            "*group" => "*variable",
            "*constant" or "*variable" or "*composed" or "*datetime" or "*unix_timestamp" or "*none" or UsageDifference => template.Type,
            _ => throw Bad($"unsupported field type <{template.Type}>"),
        };
        ValueRule[] value;
        try
        {
            value = ValueRule.ParseList(template.Value, localZone);
        }
        catch (FormatException e)
        {
            throw Bad($"invalid value <{template.Value}>: {e.Message}", e);
        }
        if (value.Length == 0 && type is not "*none" and not "*constant")
        {
            throw Bad($"{ErrorCodes.MandatoryIeMissing}: [Value]");
        }
        if (type == UsageDifference && value.Length != 2)
        {
            throw Bad($"invalid arguments <{template.Value}> to {UsageDifference}: want the end time;the start time");
        }
        if (!s_strips.Contains(template.Strip))
        {
            throw Bad($"unsupported strip <{template.Strip}>");
        }
        if (!s_paddings.Contains(template.Padding))
        {
            throw Bad($"unsupported padding <{template.Padding}>");
        }
        if (FilterService.CheckInline(template.Filters) is [var filterProblem, ..])
        {
            throw Bad($"invalid filter: {filterProblem}");
        }
        var zone = ownerZone;
        if (template.Timezone.Length != 0 && !ZoneNames.TryResolve(template.Timezone, localZone, out zone))
        {
            throw Bad($"unknown time zone <{template.Timezone}>");
        }
        return new ExportField(template, section, template.Path[(dot + 1)..], type, value, zone);
    }

    /// <summary>ExportRequest.ParseField: the text for this field, false with an error (<c>NOT_FOUND</c> when a path is
    /// absent, which the caller skips unless the field is mandatory).</summary>
    public bool TryEvaluate(IDataProvider data, Instant now, out string text, out string? error)
    {
        text = "";
        error = null;
        switch (Type)
        {
            case "*none":
                return true;
            case "*constant" or "*variable" or "*composed":
                if (!ValueRule.TryEvaluateList(Value, data, now, out var raw, out error))
                {
                    return false;
                }
                return FieldWidth.TryFormat(Tag, raw, Template.Width, Template.Strip, Padding, Template.Mandatory, out text, out error);
            case "*datetime" or "*unix_timestamp":
                if (!ValueRule.TryEvaluateList(Value, data, now, out var timeText, out error))
                {
                    return false;
                }
                if (!DataConverter.TryTime(timeText, Zone, now, out var time, out error))
                {
                    return false;
                }
                text = Type == "*unix_timestamp"
                    ? time.ToInstant().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : GoTimeFormat.Format(time, Template.Layout.Length != 0 ? Template.Layout : "2006-01-02T15:04:05Z07:00");
                return true;
            case UsageDifference:
                if (!ValueRule.TryEvaluateList(Value[..1], data, now, out var endText, out error)
                    || !ValueRule.TryEvaluateList(Value[1..], data, now, out var startText, out error))
                {
                    return false;
                }
                if (!DataConverter.TryTime(endText, Zone, now, out var end, out error) || !DataConverter.TryTime(startText, Zone, now, out var start, out error))
                {
                    return false;
                }
                text = new Usage((end.ToInstant() - start.ToInstant()).ToInt64Nanoseconds()).ToString();
                return true;
            default:
                throw new System.Diagnostics.UnreachableException($"internal bug: field type {Type} passed compilation");
        }
    }
}
