using NodaTime;
using Obol.Config;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Exporters;

/// <summary>An exporter's field templates, compiled and split into header, content and trailer.</summary>
internal sealed class ExportTemplate
{
    private ExportTemplate(ExportField[] header, ExportField[] content, ExportField[] trailer)
    {
        Header = header;
        Content = content;
        Trailer = trailer;
    }

    public ExportField[] Header { get; }

    public ExportField[] Content { get; }

    public ExportField[] Trailer { get; }

    public static ExportTemplate Compile(ExporterConfig config, DateTimeZone exporterZone, DateTimeZone localZone)
    {
        var fields = config.Fields.Select(f => ExportField.Compile(config.Id, f, exporterZone, localZone)).ToArray();
        return new ExportTemplate(
            [.. fields.Where(f => f.Section == ExportField.Hdr)],
            [.. fields.Where(f => f.Section == ExportField.Exp)],
            [.. fields.Where(f => f.Section == ExportField.Trl)]);
    }

    /// <summary>ExportRequest.SetFields: false with the first error (a mandatory field missing is <c>NOT_FOUND:Tag</c>).</summary>
    public static bool TryEvaluate(ExportField[] fields, IDataProvider data, string tenant, FilterService filters, Instant now,
        out ExportRecord record, out string? error)
    {
        var one = new ExportRecord();
        record = one;
        return TryEvaluate(fields, data, tenant, filters, now, _ => one, out error);
    }

    /// <summary>As above, each field's value set in the record <paramref name="recordFor"/> gives for it (a reader's
    /// fields go to the record of their section).</summary>
    public static bool TryEvaluate(IEnumerable<ExportField> fields, IDataProvider data, string tenant, FilterService filters, Instant now,
        Func<ExportField, ExportRecord> recordFor, out string? error)
    {
        error = null;
        foreach (var field in fields)
        {
            var pass = filters.Pass(tenant, field.Template.Filters, data, now);
            if (pass.IsError)
            {
                error = pass.Error;
                return false;
            }
            if (!pass.Passed)
            {
                continue;
            }
            if (!field.TryEvaluate(data, now, out var text, out error))
            {
                if (error != ErrorCodes.NotFound)
                {
                    return false;
                }
                if (field.Template.Mandatory)
                {
                    error = $"{ErrorCodes.NotFound}:{field.Tag}";
                    return false;
                }
                error = null;
                continue;
            }
            if (field.Type == "*composed")
            {
                recordFor(field).Compose(field.Path, text);
            }
            else
            {
                recordFor(field).Set(field.Path, text);
            }
            if (field.Template.Blocker)
            {
                break;
            }
        }
        return true;
    }
}
