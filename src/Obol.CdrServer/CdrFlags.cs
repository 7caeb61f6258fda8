using System.Diagnostics.CodeAnalysis;
using Obol.Events;

namespace Obol.CdrServer;

/// <summary>
/// What CDRs does with an event (engine/cdrs.go cdrProcessingArgs): the cdrs config section gives the defaults, then
/// APIOpts and flags (<c>*rals</c>, <c>*rals:false</c>, ...) override them in newCDRProcessingArgs's order, so
/// <c>*rerate</c> turns rating and refunding on, <c>*refund</c> alone turns rating off, and both imply reprocessing.
/// </summary>
public sealed record CdrFlags
{
    private const string FlagRerate = "*rerate";
    private const string FlagRefund = "*refund";
    private const string FlagReprocess = "*reprocess";
    private const string FlagRals = "*rals";

    public bool Attributes { get; init; }
    public bool Chargers { get; init; }
    public bool Store { get; init; }
    public bool Export { get; init; }
    public bool Thresholds { get; init; }
    public bool Stats { get; init; }
    public bool Rals { get; init; }
    public bool Rerate { get; init; }

    /// <summary>Give back what the stored CDR's CostDetails charged before anything else.</summary>
    public bool Refund { get; init; }

    /// <summary>Skip the duplicate check: the CDR may already be stored.</summary>
    public bool Reprocess { get; init; }

    /// <summary>Applies the flags alone; an unknown flag is ignored, as in CGRateS.</summary>
    public CdrFlags With(IEnumerable<string>? flags) => TryWith(flags, null, out var result, out _) ? result : this;

    /// <summary>
    /// newCDRProcessingArgs: the APIOpts <c>*attributeS</c>, <c>*chargerS</c>, <c>*thresholdS</c>, <c>*statS</c>,
    /// <c>*rerate</c>, <c>*refund</c> and <c>*ralS</c> first, each flag over its option. An option that is no boolean
    /// fails the call with Go's text.
    /// </summary>
    public bool TryWith(IEnumerable<string>? flags, IReadOnlyDictionary<string, object?>? opts, [NotNullWhen(true)] out CdrFlags? result,
        [NotNullWhen(false)] out string? error)
    {
        result = null;
        var given = ParseFlags(flags);
        string? optError = null;
        bool Pick(string flag, string? option, bool fallback)
        {
            if (option is not null && opts is not null && opts.TryGetValue(option, out var value))
            {
                if (EventValues.TryAsBool(value, out var parsed, out var message))
                {
                    fallback = parsed;
                }
                else
                {
                    optError ??= message;
                }
            }
            return given.TryGetValue(flag, out var on) ? on : fallback;
        }
        var attributes = Pick("*attributes", "*attributeS", Attributes);
        var chargers = Pick("*chargers", "*chargerS", Chargers);
        var store = Pick("*store", null, Store);
        var export = Pick("*export", null, Export);
        var thresholds = Pick("*thresholds", "*thresholdS", Thresholds);
        var stats = Pick("*stats", "*statS", Stats);
        var rals = Rals;
        var rerate = Pick(FlagRerate, FlagRerate, Rerate);
        var refund = Refund;
        if (rerate)
        {
            rals = true;
            refund = true;
        }
        refund = Pick(FlagRefund, FlagRefund, refund);
        if (refund && !rerate)
        {
            rals = false;
        }
        var reprocess = Pick(FlagReprocess, null, Reprocess || refund);
        rals = Pick(FlagRals, "*ralS", rals);
        if (optError is not null)
        {
            error = "failed to configure processing args: " + optError;
            return false;
        }
        result = new CdrFlags
        {
            Attributes = attributes,
            Chargers = chargers,
            Store = store,
            Export = export,
            Thresholds = thresholds,
            Stats = stats,
            Rals = rals,
            Rerate = rerate,
            Refund = refund,
            Reprocess = reprocess,
        };
        error = null;
        return true;
    }

    /// <summary>
    /// FlagsWithParamsFromSlice then GetBool: <c>*name</c> alone is on; its parameters (the text after the first
    /// colon, up to the next) are gathered over every mention, and the flag is on when one says <c>true</c> or none
    /// says <c>false</c>.
    /// </summary>
    private static Dictionary<string, bool> ParseFlags(IEnumerable<string>? flags)
    {
        var parameters = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var flag in flags ?? [])
        {
            var parts = flag.Split(':', 3);
            if (!parameters.TryGetValue(parts[0], out var set))
            {
                parameters[parts[0]] = set = new HashSet<string>(StringComparer.Ordinal);
            }
            if (parts.Length > 1)
            {
                set.Add(parts[1]);
            }
        }
        return parameters.ToDictionary(p => p.Key, p => p.Value.Count == 0 || p.Value.Contains("true") || !p.Value.Contains("false"),
            StringComparer.Ordinal);
    }
}
