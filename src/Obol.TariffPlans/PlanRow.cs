using System.Globalization;
using System.Text;
using CsvHelper;
using Obol.Primitives;

namespace Obol.TariffPlans;

/// <summary>
/// The record being read, with typed accessors that report a bad field (located at this row and the column's name)
/// and mark the row as failed instead of throwing: readers take every field, then skip the row if
/// <see cref="HasErrors"/>, so one row reports all its bad fields. Numbers are parsed from the UTF-8 bytes without
/// allocating; strings come from the reader's per-column pool.
/// </summary>
internal sealed class PlanRow(ErrorCollector errors, TariffPlanReadOptions options)
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
    private const int StackChars = 128;

    private CsvReader? _reader;
    private string[] _columns = [];

    public SourceLocation Location { get; private set; }

    public bool HasErrors { get; private set; }

    private CsvReader Reader => _reader ?? throw new InvalidOperationException("No current row.");

    public void MoveTo(CsvReader reader, string[] columns, SourceLocation location)
    {
        _reader = reader;
        _columns = columns;
        Location = location;
        HasErrors = false;
    }

    public string Text(int index) => Reader.GetString(index);

    public string ColumnName(int index) => _columns[index];

    public bool IsEmpty(int index) => Reader.IsEmpty(index);

    public string[] List(int index) => FieldText.SplitList(Text(index));

    /// <summary>A Go float64 column as decimal; empty is 0 (model_helpers.go csvLoad).</summary>
    public decimal Decimal(int index)
    {
        var utf8 = Reader.GetSpan(index);
        if (utf8.IsEmpty)
        {
            return 0m;
        }
        if (decimal.TryParse(utf8, DecimalStyle, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Fail(index, $"invalid decimal \"{Text(index)}\"");
        return 0m;
    }

    /// <summary>A Go int column (strconv.Atoi); empty is 0.</summary>
    public int Int(int index)
    {
        var utf8 = Reader.GetSpan(index);
        if (utf8.IsEmpty)
        {
            return 0;
        }
        if (int.TryParse(utf8, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Fail(index, $"invalid integer \"{Text(index)}\"");
        return 0;
    }

    /// <summary>A Go bool column (strconv.ParseBool); empty is false.</summary>
    public bool Bool(int index)
    {
        var text = Text(index);
        if (text.Length == 0)
        {
            return false;
        }
        if (FieldText.TryParseGoBool(text, out var value))
        {
            return value;
        }
        Fail(index, $"invalid boolean \"{text}\"");
        return false;
    }

    /// <summary>utils.ParseDurationWithNanosecs: a bare number is nanoseconds, <c>*unlimited</c> is -1, empty is 0.</summary>
    public Usage Duration(int index)
    {
        var utf8 = Reader.GetSpan(index);
        if (utf8.Length <= StackChars)
        {
            Span<char> chars = stackalloc char[StackChars];
            var length = Encoding.UTF8.GetChars(utf8, chars);
            if (Usage.TryParse(chars[..length], out var usage))
            {
                return usage;
            }
        }
        else if (Usage.TryParse(Text(index).AsSpan(), out var usage))
        {
            return usage;
        }
        Fail(index, $"invalid duration \"{Text(index)}\"");
        return Usage.Zero;
    }

    /// <summary>A duration the service parses when it uses it (utils.ParseDurationWithNanosecs), kept as text once it is
    /// known to parse; empty stays empty.</summary>
    public string DurationText(int index)
    {
        var text = Text(index);
        if (text.Length != 0 && !Usage.TryParse(text, out _))
        {
            Fail(index, $"invalid duration \"{text}\"");
        }
        return text;
    }

    /// <summary>A cron Schedule (<see cref="GoCronGrammar"/>) kept as text once it is known to parse; empty stays empty, as
    /// cgr-loader loads it (a continuation row leaves it empty).</summary>
    public string Schedule(int index)
    {
        var text = Text(index);
        if (text.Length != 0 && GoCronGrammar.Problem(text) is { } problem)
        {
            Fail(index, $"invalid schedule \"{text}\": {problem}");
        }
        return text;
    }

    /// <summary>A time as utils.ParseTimeDetectLayout reads it, kept as text once it is known to parse.</summary>
    public string Time(int index)
    {
        var text = Text(index);
        CheckTime(index, text);
        return text;
    }

    /// <summary>
    /// <c>activation[;expiry]</c>; null when empty. Like model_helpers.go, a later row's interval replaces an earlier one.
    /// </summary>
    public TpActivationInterval? ActivationInterval(int index)
    {
        var text = Text(index);
        if (text.Length == 0)
        {
            return null;
        }
        var parts = text.Split(FieldText.ListSeparator);
        if (parts.Length > 2)
        {
            Fail(index, $"invalid activation interval \"{text}\" (expected activation[;expiry])");
            return null;
        }
        var valid = CheckTime(index, parts[0]);
        var expiry = parts.Length == 2 ? parts[1] : "";
        valid &= CheckTime(index, expiry);
        return valid ? new TpActivationInterval(parts[0], expiry) : null;
    }

    /// <summary>A list of integers where empty or <c>*any</c> means any (utils/dateseries.go Parse).</summary>
    public int[] IntList(int index, int min, int max)
    {
        var text = Text(index);
        if (text.Length == 0 || text == Meta.Any)
        {
            return [];
        }
        var items = text.Split(FieldText.ListSeparator);
        var values = new int[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (!int.TryParse(items[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i])
                || values[i] < min
                || values[i] > max)
            {
                Fail(index, $"invalid value \"{items[i]}\" (expected *any or integers {min}..{max} separated by ;)");
                return [];
            }
        }
        return values;
    }

    /// <summary>Validates the inline filters of a FilterIDs-like column (each must parse).</summary>
    /// <summary>The columns the filtered profile files (Chargers, Routes, Stats, Thresholds, Resources) start with:
    /// Tenant, ID, FilterIDs with their inline filters checked, ActivationInterval.</summary>
    public ProfileHead ProfileHead()
    {
        var tenant = Text(0);
        var id = Text(1);
        var filterIds = List(2);
        CheckInlineFilters(2, filterIds);
        return new ProfileHead(tenant, id, filterIds, ActivationInterval(3));
    }

    public void CheckInlineFilters(int index, string[] filterIds)
    {
        foreach (var id in filterIds)
        {
            if (InlineFilters.IsInline(id) && InlineFilters.Problem(id) is { } problem)
            {
                Fail(index, problem);
            }
        }
    }

    public void Fail(int index, string message)
    {
        HasErrors = true;
        errors.Add(Location.File, Location.Line, _columns[index], message);
    }

    public void Warn(int index, string message) => errors.Add(Location.File, Location.Line, _columns[index], message, isWarning: true);

    private bool CheckTime(int index, string text)
    {
        if (GoTime.TryParse(text, options.TimeZone, options.Now, out _))
        {
            return true;
        }
        Fail(index, $"invalid time \"{text}\"");
        return false;
    }
}

/// <summary>The leading columns of a filtered profile row.</summary>
internal readonly record struct ProfileHead(string Tenant, string Id, string[] FilterIds, TpActivationInterval? Activation);
