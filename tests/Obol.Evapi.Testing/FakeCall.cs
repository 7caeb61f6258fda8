namespace Obol.Evapi.Testing;

/// <summary>The dialog variables Kamailio's cfg fills in for CALL_START/CALL_END, with the tutorial's values as defaults.</summary>
public sealed record FakeCall
{
    public required long HashEntry { get; init; }
    public required long HashId { get; init; }

    /// <summary>The SIP Call-ID ($dlg_var(cgrOriginID) = $ci).</summary>
    public required string OriginId { get; init; }

    public string RequestType { get; init; } = "*prepaid";
    public string Tenant { get; init; } = "cgrates.org";
    public string Account { get; init; } = "1001";
    public string Destination { get; init; } = "1002";
    public required long SetupTime { get; init; }
    public required long AnswerTime { get; init; }

    /// <summary>"&lt;null&gt;" unless the auth reply's attributes set PaypalAccount.</summary>
    public string PaypalAccount { get; init; } = "<null>";

    /// <summary>The dialog as dlg.briefing lists it.</summary>
    public FakeDialog ToDialog() => new(HashEntry, HashId, OriginId);
}
