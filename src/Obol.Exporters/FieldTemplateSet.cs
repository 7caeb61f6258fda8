using NodaTime;
using Obol.Config;
using Obol.Filters;

namespace Obol.Exporters;

/// <summary>
/// Field templates outside an exporter (an event reader's <c>fields</c>, agents' request templates): compiled once for the
/// sections their owner writes, evaluated into one record per section, as CGRateS's AgentRequest.SetFields fills
/// <c>*cgreq</c>, <c>*opts</c> and <c>*vars</c>. A field can read what earlier fields set through
/// <see cref="SectionData"/>.
/// </summary>
public sealed class FieldTemplateSet
{
    private readonly ExportField[] _fields;

    private FieldTemplateSet(ExportField[] fields) => _fields = fields;

    /// <summary>Compiles <paramref name="templates"/>; a bad one throws <see cref="ExporterDefinitionException"/> naming
    /// <paramref name="ownerId"/> and the field.</summary>
    public static FieldTemplateSet Compile(string ownerKind, string ownerId, IReadOnlyList<FieldTemplate> templates, IReadOnlyList<string> sections,
        DateTimeZone ownerZone, DateTimeZone localZone)
    {
        ArgumentNullException.ThrowIfNull(templates);
        return new FieldTemplateSet([.. templates.Select(t => ExportField.Compile(ownerId, t, ownerZone, localZone, sections,
            (id, tag, reason, inner) => new ExporterDefinitionException($"{ownerKind} <{id}> field <{tag}>: {reason}", inner)))]);
    }

    /// <summary>Evaluates the fields in order over <paramref name="data"/> into <paramref name="sections"/>; false with
    /// the first error (a mandatory field missing is <c>NOT_FOUND:Tag</c>).</summary>
    public bool TryEvaluate(IDataProvider data, SectionData sections, string tenant, FilterService filters, Instant now, out string? error)
    {
        ArgumentNullException.ThrowIfNull(sections);
        return ExportTemplate.TryEvaluate(_fields, data, tenant, filters, now, f => sections.Record(f.Section), out error);
    }
}

/// <summary>The records a <see cref="FieldTemplateSet"/> fills, one per section, readable as a data provider
/// (<c>~*cgreq.Account</c>) by later fields and filters.</summary>
public sealed class SectionData : IDataProvider
{
    private readonly Dictionary<string, ExportRecord> _records = new(StringComparer.Ordinal);

    public ExportRecord Record(string section)
    {
        if (!_records.TryGetValue(section, out var record))
        {
            record = new ExportRecord();
            _records[section] = record;
        }
        return record;
    }

    /// <summary>The section's fields by path; empty when none was set.</summary>
    public Dictionary<string, object?> Values(string section) => _records.TryGetValue(section, out var record)
        ? record.Fields.ToDictionary(f => f.Key, f => (object?)f.Value, StringComparer.Ordinal)
        : new Dictionary<string, object?>(StringComparer.Ordinal);

    public bool TryGetField(ReadOnlySpan<string> path, out object? value)
    {
        value = null;
        if (path.Length < 2 || !_records.TryGetValue(path[0], out var record))
        {
            return false;
        }
        var key = string.Join('.', path[1..].ToArray());
        foreach (var (field, text) in record.Fields)
        {
            if (field == key)
            {
                value = text;
                return true;
            }
        }
        return false;
    }
}
