namespace Obol.Exporters;

/// <summary>
/// One prepared export, what ExportEvent receives and what a failed post keeps for replay: a CSV row, a FWV or JSON
/// text, or form pairs, with the HTTP headers the <c>*hdr</c> templates produced.
/// </summary>
public sealed record ExportPayload
{
    /// <summary>*file_csv: the row's values.</summary>
    public IReadOnlyList<string>? Row { get; init; }

    /// <summary>*file_fwv line, *http_json_map / *amqp_json_map / *log JSON body.</summary>
    public string? Text { get; init; }

    /// <summary>*http_post: form fields (url.Values keeps the last value of a repeated key).</summary>
    public IReadOnlyDictionary<string, string>? Form { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>What the <c>*log</c> flag prints: the body as it goes out.</summary>
    internal string Describe() => Text ?? (Row is not null ? string.Join(",", Row) : Form is not null ? FormEncoding.Encode(Form) : "");
}
