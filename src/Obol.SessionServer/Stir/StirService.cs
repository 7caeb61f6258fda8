using Obol.Api.JsonRpc;
using Obol.Primitives;

namespace Obol.SessionServer.Stir;

/// <summary>SessionSv1.STIRAuthenticate and STIRIdentity (BiRPCv1STIRAuthenticate, BiRPCv1STIRIdentity), with the
/// <c>sessions.stir</c> section's defaults. Every STIR failure answers <c>*stir_authenticate: reason</c>.</summary>
public sealed partial class StirService(StirOptions options, StirIdentity identity, TimeProvider time)
{
    public const string ErrorPrefix = "*stir_authenticate: ";

    public StirOptions Options => options;

    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<StirAuthenticateArgs, string>("SessionSv1.STIRAuthenticate", AuthenticateAsync);
        dispatcher.Add<StirIdentityArgs?, string>("SessionSv1.STIRIdentity", IdentityAsync);
    }

    /// <summary>Null when <paramref name="identityHeader"/> is valid for the call, otherwise CGRateS's error.</summary>
    public async Task<string?> CheckAsync(string identityHeader, StirCall call, IReadOnlyCollection<string>? attest, Usage? maxAge,
        CancellationToken ct)
    {
        var reason = await identity.AuthenticateAsync(identityHeader, call, attest ?? options.AllowedAttest, maxAge ?? options.PayloadMaxDuration,
            time.GetUtcNow(), ct).ConfigureAwait(false);
        return reason is null ? null : ErrorPrefix + reason;
    }

    /// <summary>The identity for <paramref name="payload"/>, with the configured keys unless others are named.</summary>
    public async Task<(string? Identity, string? Error)> SignAsync(PassportPayload payload, string? publicKeyPath, string? privateKeyPath,
        CancellationToken ct)
    {
        var x5u = string.IsNullOrEmpty(publicKeyPath) ? options.PublicKeyPath : publicKeyPath;
        var key = string.IsNullOrEmpty(privateKeyPath) ? options.PrivateKeyPath : privateKeyPath;
        try
        {
            return (await identity.CreateAsync(PassportHeader.For(x5u), payload, key, ct).ConfigureAwait(false), null);
        }
        catch (StirException e)
        {
            return (null, ErrorPrefix + e.Message);
        }
    }

    private async ValueTask<RpcResult<string>> AuthenticateAsync(StirAuthenticateArgs args, CancellationToken ct)
    {
        Usage? maxAge = null;
        if (!string.IsNullOrEmpty(args.PayloadMaxDuration))
        {
            if (!Usage.TryParse(args.PayloadMaxDuration, out var parsed))
            {
                return RpcResult.Fail<string>($"time: invalid duration \"{args.PayloadMaxDuration}\"");
            }
            maxAge = parsed;
        }
        var call = new StirCall(args.OriginatorTn ?? "", args.OriginatorURI ?? "", args.DestinationTn ?? "", args.DestinationURI ?? "");
        var error = await CheckAsync(args.Identity ?? "", call, args.Attest is { Count: > 0 } attest ? attest : null, maxAge, ct).ConfigureAwait(false);
        return error is null ? "OK" : RpcResult.Fail<string>(error);
    }

    private async ValueTask<RpcResult<string>> IdentityAsync(StirIdentityArgs? args, CancellationToken ct)
    {
        if (args?.Payload is not { } payload)
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("Payload"));
        }
        if (payload.Attest.Length == 0)
        {
            payload = payload with { Attest = options.DefaultAttest };
        }
        if (args.OverwriteIAT)
        {
            payload = payload with { Iat = time.GetUtcNow().ToUnixTimeSeconds() };
        }
        var (signed, error) = await SignAsync(payload, args.PublicKeyPath, args.PrivateKeyPath, ct).ConfigureAwait(false);
        return error is null ? signed! : RpcResult.Fail<string>(error);
    }
}

/// <summary>The <c>sessions.stir</c> section.</summary>
public sealed record StirOptions(IReadOnlyList<string> AllowedAttest, Usage PayloadMaxDuration, string DefaultAttest, string PublicKeyPath,
    string PrivateKeyPath);

/// <summary>sessions.V1STIRAuthenticateArgs.</summary>
public sealed record StirAuthenticateArgs(IReadOnlyList<string>? Attest, string? DestinationTn, string? DestinationURI, string? Identity,
    string? OriginatorTn, string? OriginatorURI, string? PayloadMaxDuration);

/// <summary>sessions.V1STIRIdentityArgs.</summary>
public sealed record StirIdentityArgs(PassportPayload? Payload, string? PublicKeyPath, string? PrivateKeyPath, bool OverwriteIAT);
