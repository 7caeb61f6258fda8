using System.Text.Json.Serialization;

namespace Obol.SessionServer.Stir;

/// <summary>The JOSE header of a SHAKEN PASSporT (utils.PASSporTHeader), in CGRateS's field order.</summary>
public sealed record PassportHeader(
    [property: JsonPropertyName("typ")] string Typ,
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("ppt")] string Ppt,
    [property: JsonPropertyName("x5u")] string X5u)
{
    public const string Algorithm = "ES256";
    public const string Extension = "shaken";
    public const string MediaType = "passport";

    /// <summary>NewPASSporTHeader: ES256, shaken, the key's location as x5u.</summary>
    public static PassportHeader For(string x5u) => new(MediaType, Algorithm, Extension, x5u);
}

/// <summary>The PASSporT claims (utils.PASSporTPayload).</summary>
public sealed record PassportPayload
{
    [JsonPropertyName("attest")]
    public string Attest { get; init; } = "";

    [JsonPropertyName("dest")]
    public PassportDestinations Dest { get; init; } = new();

    [JsonPropertyName("iat")]
    public long Iat { get; init; }

    [JsonPropertyName("orig")]
    public PassportOrigin Orig { get; init; } = new();

    [JsonPropertyName("origid")]
    public string OrigId { get; init; } = "";
}

/// <summary>The called identities; each list left out when empty, as Go's omitempty does.</summary>
public sealed record PassportDestinations
{
    [JsonPropertyName("tn")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Tn { get; init; }

    [JsonPropertyName("uri")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Uri { get; init; }
}

/// <summary>The calling identity; each field left out when empty.</summary>
public sealed record PassportOrigin
{
    [JsonPropertyName("tn")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Tn { get; init; }

    [JsonPropertyName("uri")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Uri { get; init; }
}
