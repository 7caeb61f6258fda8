namespace Obol.SessionServer;

/// <summary>
/// utils.FlagsWithParams: <c>*subsystem[:*option[:value&amp;value]]</c> strings as ProcessEvent reads them, e.g.
/// <c>*rals:*initiate</c>, <c>*attributes:*ids:ATTR_1&amp;ATTR_2</c>, <c>*routes:*maxcost:0.5</c>.
/// </summary>
public sealed class SessionFlagSet
{
    private readonly Dictionary<string, Dictionary<string, string[]>> _flags = new(StringComparer.Ordinal);

    public SessionFlagSet(IEnumerable<string>? flags)
    {
        foreach (var flag in flags ?? [])
        {
            var parts = flag.Split(':', 3);
            if (!_flags.TryGetValue(parts[0], out var options))
            {
                _flags[parts[0]] = options = new Dictionary<string, string[]>(StringComparer.Ordinal);
            }
            if (parts.Length > 1)
            {
                options[parts[1]] = parts.Length > 2 ? parts[2].Split('&') : [];
            }
        }
    }

    /// <summary>GetBool: present, and not switched off with <c>:false</c> (unless also <c>:true</c>).</summary>
    public bool IsOn(string flag) =>
        _flags.TryGetValue(flag, out var options) && (options.Count == 0 || options.ContainsKey("true") || !options.ContainsKey("false"));

    public bool Has(string flag, string option) => _flags.TryGetValue(flag, out var options) && options.ContainsKey(option);

    /// <summary>The values of an option (<c>*ids</c>), empty when absent.</summary>
    public IReadOnlyList<string> Values(string flag, string option) =>
        _flags.TryGetValue(flag, out var options) && options.TryGetValue(option, out var values) ? values : [];

    /// <summary>The first non-empty value of an option (ParamValue).</summary>
    public string? Value(string flag, string option) => Values(flag, option).FirstOrDefault(v => v.Length > 0);

    /// <summary>The options of <paramref name="flag"/> back as flag strings (what <c>*cdrs:…</c> passes on to CDRs).</summary>
    public IReadOnlyList<string> OptionsAsFlags(string flag) => _flags.TryGetValue(flag, out var options)
        ? [.. options.Select(o => o.Value.Length == 0 ? o.Key : $"{o.Key}:{string.Join(';', o.Value)}")]
        : [];
}
