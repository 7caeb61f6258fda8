using System.Text.Json;
using System.Text.Json.Serialization;

namespace Obol.GoJson;

/// <summary>Serializer options that read and write JSON the way CGRateS (Go encoding/json) does.</summary>
public static class GoJsonOptions
{
    /// <summary>A shared, read-only instance of <see cref="Create"/>.</summary>
    public static JsonSerializerOptions Default { get; } = CreateReadOnly();

    /// <summary>New, still mutable options with the Go converters, naming and escaping.</summary>
    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            // Go field names are already PascalCase on the wire.
            PropertyNamingPolicy = null,
            DictionaryKeyPolicy = null,
            // Go matches keys case-insensitively when decoding.
            PropertyNameCaseInsensitive = true,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            // See GoJsonEncoder for why no built-in encoder will do.
            Encoder = GoJsonEncoder.Instance,
        };
        options.Converters.Add(new GoDecimalConverter());
        options.Converters.Add(new UsageConverter());
        options.Converters.Add(new GoTimeConverter());
        options.Converters.Add(new GoZonedTimeConverter());
        options.Converters.Add(new GoMapConverterFactory());
        options.Converters.Add(new GoInterfaceConverter());
        return options;
    }

    private static JsonSerializerOptions CreateReadOnly()
    {
        var options = Create();
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
