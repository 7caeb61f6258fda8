using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Obol.Evapi;

/// <summary>
/// One event from Kamailio: the flat JSON object its cfg templates build, every value a string exactly as sent
/// (agents/kamevent.go KamEvent, a map[string]string). Unset Kamailio variables arrive as the text "&lt;null&gt;",
/// which CGRateS does not treat as absent.
/// </summary>
public sealed class KamEvent
{
    private readonly Dictionary<string, string> _fields;

    /// <summary>An event from fields already at hand (tests, replays); a repeated key keeps its last value.</summary>
    public KamEvent(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            _fields[key] = value;
        }
    }

    internal KamEvent(Dictionary<string, string> fields) => _fields = fields;

    /// <summary>The <c>event</c> field, or null when absent.</summary>
    public string? Name => _fields.GetValueOrDefault(KamFields.Event);

    /// <summary>Every field as received.</summary>
    public IReadOnlyDictionary<string, string> Fields => _fields;

    /// <summary>
    /// The field's value, or null when absent (Go's map lookup gives "" there; see <see cref="IsMissingMandatoryField"/>).
    /// </summary>
    public string? Get(string field) => _fields.GetValueOrDefault(field);

    /// <summary>Parses one payload (the bytes inside a netstring).</summary>
    /// <exception cref="EvapiProtocolException">Not a JSON object, or a value is neither a string nor null.</exception>
    public static KamEvent Parse(ReadOnlySpan<byte> utf8Json) => KamEventParser.Parse(utf8Json);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static KamEvent Parse(in ReadOnlySequence<byte> utf8Json) =>
        utf8Json.IsSingleSegment ? KamEventParser.Parse(utf8Json.FirstSpan) : KamEventParser.Parse(utf8Json);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static KamEvent Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return KamEventParser.Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>
    /// KamEvent.MissingParameter: a field the event needs is absent or empty, or the event name is unknown. The
    /// agent answers an auth request (and process message/CDR) with <see cref="KamErrors.MandatoryIeMissing"/>,
    /// disconnects a CALL_START, and drops a CALL_END.
    /// </summary>
    public bool IsMissingMandatoryField() => Name switch
    {
        KamEventNames.AuthRequest => AnyEmpty(KamFields.TrIndex, KamFields.TrLabel),
        KamEventNames.CallStart => AnyEmpty(KamFields.HashEntry, KamFields.HashId, KamFields.OriginId,
            KamFields.AnswerTime, KamFields.Account, KamFields.Destination),
        KamEventNames.CallEnd => AnyEmpty(KamFields.OriginId, KamFields.AnswerTime, KamFields.Account, KamFields.Destination),
        // With cgr_flags present the message is processed as an event and needs the call fields too.
        KamEventNames.ProcessMessage => AnyEmpty(KamFields.TrIndex, KamFields.TrLabel)
            || (_fields.ContainsKey(KamFields.CgrFlags)
                && AnyEmpty(KamFields.OriginId, KamFields.AnswerTime, KamFields.Account, KamFields.Destination)),
        KamEventNames.ProcessCdr => AnyEmpty(KamFields.TrIndex, KamFields.TrLabel, KamFields.OriginId),
        _ => true,
    };

    /// <summary>RequestType "*none": the agent ignores auth, CALL_START and CALL_END events carrying it.</summary>
    public bool IsRequestTypeNone => _fields.GetValueOrDefault(KamFields.RequestType) == "*none";

    public bool Contains(string field) => _fields.ContainsKey(field);

    public bool TryGetValue(string field, [MaybeNullWhen(false)] out string value) => _fields.TryGetValue(field, out value);

    private bool AnyEmpty(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (string.IsNullOrEmpty(_fields.GetValueOrDefault(key)))
            {
                return true;
            }
        }
        return false;
    }
}
