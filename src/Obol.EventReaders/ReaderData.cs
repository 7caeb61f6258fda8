using System.Globalization;
using System.Text.Json;
using Obol.Exporters;
using Obol.Filters;

namespace Obol.EventReaders;

/// <summary>
/// What a reader's templates and filters read (agents.AgentRequest): <c>*req</c>, the record (a CSV row's fields by
/// index or by the name a <c>:</c>-header gave them, a JSON object's members, a fixed-width line's columns);
/// <c>*hdr</c> and <c>*trl</c>, a fixed-width file's header and trailer lines; <c>*vars</c>, <c>*fileName</c>,
/// <c>*fileLineNumber</c> and <c>*readerID</c> with what the templates put there; <c>*cgreq</c> and <c>*opts</c>, what
/// the templates set so far.
/// </summary>
internal sealed class ReaderData(IRecord record, IReadOnlyDictionary<string, object?> vars, SectionData sections, FileFrame frame = default)
    : IDataProvider
{
    public const string Req = "*req";
    public const string Vars = "*vars";
    public const string Header = "*hdr";
    public const string Trailer = "*trl";

    public SectionData Sections => sections;

    public bool TryGetField(ReadOnlySpan<string> path, out object? value)
    {
        value = null;
        if (path.Length < 2)
        {
            return false;
        }
        return path[0] switch
        {
            Req => record.TryGet(path[1..], out value),
            Header => frame.Header is { } header ? header.TryGet(path[1..], out value) : sections.TryGetField(path, out value),
            Trailer => frame.Trailer is { } trailer ? trailer.TryGet(path[1..], out value) : sections.TryGetField(path, out value),
            Vars => vars.TryGetValue(path[1], out value) || sections.TryGetField(path, out value),
            _ => sections.TryGetField(path, out value),
        };
    }
}

/// <summary>A fixed-width file's header and trailer lines, when its templates read them.</summary>
internal readonly record struct FileFrame(IRecord? Header, IRecord? Trailer);

/// <summary>One record of a file, as <c>~*req.…</c> reads it.</summary>
internal interface IRecord
{
    bool TryGet(ReadOnlySpan<string> path, out object? value);

    /// <summary>The record as an event of its own, for <c>ees_success_ids</c>/<c>ees_failed_ids</c>.</summary>
    Dictionary<string, object?> Raw();
}

/// <summary>config.NewSliceDP: a CSV row, its fields by 0-based index or by header name.</summary>
internal sealed class CsvRecord(string[] fields, IReadOnlyDictionary<string, int>? header) : IRecord
{
    public bool TryGet(ReadOnlySpan<string> path, out object? value)
    {
        value = null;
        if (path.Length != 1)
        {
            return false;
        }
        var index = header is not null && header.TryGetValue(path[0], out var named) ? named
            : int.TryParse(path[0], NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : -1;
        if (index < 0 || index >= fields.Length)
        {
            return false;
        }
        value = fields[index];
        return true;
    }

    /// <summary>The fields by index, and by header name too when a header named them.</summary>
    public Dictionary<string, object?> Raw()
    {
        var raw = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
        {
            raw[i.ToString(CultureInfo.InvariantCulture)] = fields[i];
        }
        foreach (var (name, i) in header ?? new Dictionary<string, int>())
        {
            raw[name] = fields[i];
        }
        return raw;
    }
}

/// <summary>A JSON object's members, nested paths into nested objects; numbers and booleans as their text.</summary>
internal sealed class JsonRecord(JsonElement root) : IRecord
{
    public bool TryGet(ReadOnlySpan<string> path, out object? value)
    {
        value = null;
        var current = root;
        foreach (var segment in path)
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var member))
            {
                current = member;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                && i < current.GetArrayLength())
            {
                current = current[i];
            }
            else
            {
                return false;
            }
        }
        value = current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Null => null,
            _ => current.GetRawText(),
        };
        return true;
    }

    /// <summary>The object's members, as CGRateS's message readers pass the decoded message on.</summary>
    public Dictionary<string, object?> Raw() =>
        root.ValueKind == JsonValueKind.Object
            ? root.Deserialize<Dictionary<string, object?>>(Obol.GoJson.GoJsonOptions.Default) ?? new(StringComparer.Ordinal)
            : new(StringComparer.Ordinal);
}

/// <summary>config.FWVProvider: a fixed-width line, <c>~*req.START-END</c> its bytes from START up to END.</summary>
internal sealed class FwvRecord(byte[] line) : IRecord
{
    public bool TryGet(ReadOnlySpan<string> path, out object? value)
    {
        value = null;
        if (path.Length != 1 || path[0].Split('-') is not [var first, var last]
            || !int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || start > end || end > line.Length)
        {
            return false;
        }
        value = System.Text.Encoding.UTF8.GetString(line, start, end - start);
        return true;
    }

    /// <summary>Empty, as CGRateS's file readers leave it.</summary>
    public Dictionary<string, object?> Raw() => new(StringComparer.Ordinal);
}
