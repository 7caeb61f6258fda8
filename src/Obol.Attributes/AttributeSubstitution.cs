using Obol.Filters;

namespace Obol.Attributes;

/// <summary>
/// One compiled attribute of a profile (engine.Attribute): where it writes, how it computes the value, and the
/// filters it needs on the event as altered so far.
/// </summary>
public sealed partial class AttributeSubstitution
{
    private AttributeSubstitution(IReadOnlyList<string> filterIds, string path, string[] pathSegments, string typeName,
        SubstitutionType type, RsrValueList values, RsrValueList? pathValue)
    {
        FilterIds = filterIds;
        Path = path;
        PathSegments = pathSegments;
        TypeName = typeName;
        Type = type;
        Values = values;
        PathValue = pathValue;
    }

    public IReadOnlyList<string> FilterIds { get; }

    /// <summary>The path as written (<c>*req.Account</c>, <c>*tenant</c>); reported as such in AlteredFields.</summary>
    public string Path { get; }

    /// <summary>The type as written; empty reads as <c>*variable</c>.</summary>
    public string TypeName { get; }

    public SubstitutionType Type { get; }

    /// <summary>The value rules, one per RSR parser (CGRateS returns them as <c>[{"Rules":"..."}]</c>).</summary>
    public IReadOnlyList<string> ValueRules => Values.Rules;

    public bool WritesTenant => PathSegments is ["*tenant"];

    internal string[] PathSegments { get; }

    internal RsrValueList Values { get; }

    /// <summary>The <c>~path</c> rule that <c>*prefix</c> and <c>*suffix</c> read the current value through.</summary>
    internal RsrValueList? PathValue { get; }

    /// <summary>Compiles one attribute; throws <see cref="FormatException"/> naming what is wrong (the caller adds where).</summary>
    internal static AttributeSubstitution Create(IReadOnlyList<string> filterIds, string path, string type, string value, char separator)
    {
        if (!SubstitutionTypes.TryParse(type, out var kind))
        {
            throw new FormatException(type.StartsWith("*http", StringComparison.Ordinal)
                ? $"type <{type}> calls an external HTTP service, which Obol does not support"
                : $"unsupported type: <{type}>");
        }
        var segments = FieldPath.Split(path)
            ?? throw new FormatException($"invalid path <{path}>");
        if (segments is [FilterEvent.Req or FilterEvent.Opts or FilterEvent.Vars])
        {
            throw new FormatException($"path <{path}> would replace the whole {path} map; name a field under it");
        }
        if (FilterService.CheckInline(filterIds) is [var filterProblem, ..])
        {
            throw new FormatException(filterProblem);
        }
        RsrValueList values;
        try
        {
            values = RsrValueList.Parse(value, separator);
        }
        catch (FormatException e)
        {
            throw new FormatException($"invalid value <{value}>: {e.Message}", e);
        }
        var (min, max) = SubstitutionTypes.ValueCount(kind);
        if (values.Count < min || values.Count > max)
        {
            var expected = min == max ? $"{min}" : $"at least {min}";
            throw new FormatException($"{(type.Length == 0 ? SubstitutionTypes.MetaVariable : type)} needs {expected} values separated by " +
                $"'{separator}', got {values.Count} in <{value}>");
        }
        RsrValueList? pathValue = null;
        if (kind is SubstitutionType.Prefix or SubstitutionType.Suffix)
        {
            pathValue = RsrValueList.Parse(FieldPath.DynamicPrefix + path, ';');
        }
        return new AttributeSubstitution([.. filterIds], path, segments, type, kind, values, pathValue);
    }

    public override string ToString() => $"{Path}:{(TypeName.Length == 0 ? SubstitutionTypes.MetaVariable : TypeName)}:{Values}";
}
