using Obol.Events;
using Obol.Primitives;

namespace Obol.SessionServer.Stir;

/// <summary>ProcessEvent's <c>*stir_authenticate</c> and <c>*stir_initiate</c>: the identity checked or made from an
/// event's <c>*stir…</c> options, the caller and callee falling back to its Account and Destination.</summary>
public sealed partial class StirService
{
    public const string AuthenticateFlag = "*stir_authenticate";
    public const string InitiateFlag = "*stir_initiate";

    /// <summary>The event's <c>*stirIdentity</c> checked; null when valid, otherwise CGRateS's error.</summary>
    public Task<string?> AuthenticateEventAsync(CgrEvent ev, CancellationToken ct)
    {
        IReadOnlyCollection<string>? attest = Opt(ev, "*stirATest") is { Length: > 0 } levels ? levels.Split(';') : null;
        Usage? maxAge = ev.ApiOpts.TryGetValue("*stirPayloadMaxDuration", out var age) && EventValues.TryAsUsage(age, out var parsed, out _) ? parsed : null;
        var call = new StirCall(FirstNonEmpty(Opt(ev, "*stirOriginatorTn"), ev.FieldAsString(EventFields.Account)), Opt(ev, "*stirOriginatorURI"),
            FirstNonEmpty(Opt(ev, "*stirDestinationTn"), ev.FieldAsString(EventFields.Destination)), Opt(ev, "*stirDestinationURI"));
        return CheckAsync(Opt(ev, "*stirIdentity"), call, attest, maxAge, ct);
    }

    /// <summary>An identity for the event's call, signed now.</summary>
    public Task<(string? Identity, string? Error)> InitiateEventAsync(CgrEvent ev, CancellationToken ct)
    {
        var destinationTn = FirstNonEmpty(Opt(ev, "*stirDestinationTn"), ev.FieldAsString(EventFields.Destination));
        var originatorUri = Opt(ev, "*stirOriginatorURI");
        var payload = new PassportPayload
        {
            Attest = FirstNonEmpty(Opt(ev, "*stirATest"), options.DefaultAttest),
            // CGRateS fills the destination URIs from *stirDestinationTn too; kept so its verifiers see the same claims.
            Dest = new PassportDestinations { Tn = destinationTn.Split(';'), Uri = Opt(ev, "*stirDestinationTn").Split(';') },
            Iat = time.GetUtcNow().ToUnixTimeSeconds(),
            Orig = originatorUri.Length > 0
                ? new PassportOrigin { Uri = originatorUri }
                : new PassportOrigin { Tn = NullIfEmpty(FirstNonEmpty(Opt(ev, "*stirOriginatorTn"), ev.FieldAsString(EventFields.Account))) },
            OrigId = ev.Id,
        };
        return SignAsync(payload, Opt(ev, "*stirPublicKeyPath"), Opt(ev, "*stirPrivateKeyPath"), ct);
    }

    private static string Opt(CgrEvent ev, string option) => ev.OptAsString(option) ?? "";

    private static string FirstNonEmpty(string first, string? second) => first.Length > 0 ? first : second ?? "";

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
