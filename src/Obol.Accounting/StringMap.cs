namespace Obol.Accounting;

/// <summary>
/// CGRateS's <c>utils.StringMap</c>: a set of ids where <c>false</c> marks an exclusion, written <c>!ID</c> in CSVs
/// (<c>DST_FS;!DST_1003</c>).
/// </summary>
public sealed class StringMap : Dictionary<string, bool>
{
    public StringMap()
        : base(StringComparer.Ordinal)
    {
    }

    public StringMap(IEnumerable<KeyValuePair<string, bool>> items)
        : base(items, StringComparer.Ordinal)
    {
    }

    /// <summary>CGRateS parity: ParseStringMap — <c>;</c>-separated, <c>!</c> negates, <c>*zero</c> is empty.</summary>
    public static StringMap Parse(string? text)
    {
        var map = new StringMap();
        if (string.IsNullOrWhiteSpace(text) || text == "*zero")
        {
            return map;
        }
        map.AddAll(text.Split(';'));
        return map;
    }

    public static StringMap Of(IEnumerable<string> items)
    {
        var map = new StringMap();
        map.AddAll(items);
        return map;
    }

    /// <summary>True when the map names at least one id and it is not <c>*any</c>.</summary>
    public bool IsRestrictive => Count > 0 && !this.GetValueOrDefault("*any");

    /// <summary>CGRateS parity: StringMap.Includes — every included id of <paramref name="other"/> is included here.</summary>
    public bool Includes(StringMap other)
    {
        if (Count < other.Count)
        {
            return false;
        }
        foreach (var key in other.Keys)
        {
            if (!this.GetValueOrDefault(key))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>CGRateS parity: StringMap.Equal — same size and every key here is included there.</summary>
    public bool SameAs(StringMap? other)
    {
        if (other is null || Count != other.Count)
        {
            return false;
        }
        foreach (var key in Keys)
        {
            if (!other.GetValueOrDefault(key))
            {
                return false;
            }
        }
        return true;
    }

    public StringMap Clone() => new(this);

    /// <summary><c>ID1;!ID2</c>, sorted for stable output.</summary>
    public override string ToString() =>
        string.Join(';', this.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value ? kv.Key : "!" + kv.Key));

    private void AddAll(IEnumerable<string> items)
    {
        foreach (var raw in items)
        {
            var item = raw.Trim();
            if (item.Length == 0)
            {
                continue;
            }
            if (item[0] == '!')
            {
                this[item[1..]] = false;
            }
            else
            {
                this[item] = true;
            }
        }
    }
}
