using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Obol.GoJson;
using Obol.Primitives;

namespace Obol.SessionServer.Stir;

/// <summary>
/// SHAKEN Identity headers as CGRateS builds and checks them (sessions/libsessions.go): a PASSporT signed with ES256,
/// <c>header.payload.signature;info=&lt;x5u&gt;;alg=ES256;ppt=shaken</c>. Checking an identity verifies the header
/// parameters against the JOSE header, the signature with the key at x5u, then the claims against the call.
/// </summary>
public sealed class StirIdentity(StirKeys keys)
{
    private const string InfoPrefix = ";info=<";
    private const string InfoSuffix = ">;alg=ES256;ppt=shaken";

    /// <summary>NewSTIRIdentity: the payload signed with the key at <paramref name="privateKeyPath"/>.</summary>
    public async Task<string> CreateAsync(PassportHeader header, PassportPayload payload, string privateKeyPath, CancellationToken ct)
    {
        var key = await keys.PrivateAsync(privateKeyPath, ct).ConfigureAwait(false);
        var signing = Segment(JsonSerializer.SerializeToUtf8Bytes(header, GoJsonOptions.Default)) + "."
            + Segment(JsonSerializer.SerializeToUtf8Bytes(payload, GoJsonOptions.Default));
        byte[] signature;
        try
        {
            signature = key.SignData(Encoding.ASCII.GetBytes(signing), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException e)
        {
            throw new StirException(e.Message);
        }
        return signing + "." + Segment(signature) + InfoPrefix + header.X5u + InfoSuffix;
    }

    /// <summary>AuthStirShaken: null when the identity is valid for the call, otherwise why not. A URI given is checked
    /// instead of the number; <paramref name="maxAge"/> negative never expires.</summary>
    public async Task<string?> AuthenticateAsync(string identity, StirCall call, IReadOnlyCollection<string> attest, Usage maxAge, DateTimeOffset now,
        CancellationToken ct)
    {
        try
        {
            var parsed = Parse(identity);
            if (!parsed.HeaderMatches())
            {
                return "wrong header";
            }
            var key = await keys.PublicAsync(parsed.Header.X5u, ct).ConfigureAwait(false);
            if (parsed.Signature.Length != 64
                || !key.VerifyData(Encoding.ASCII.GetBytes(parsed.SigningString), parsed.Signature, HashAlgorithmName.SHA256,
                    DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return "crypto/ecdsa: verification error";
            }
            return ClaimsError(parsed.Payload, call, attest, maxAge, now);
        }
        catch (StirException e)
        {
            return e.Message;
        }
    }

    private static string? ClaimsError(PassportPayload payload, StirCall call, IReadOnlyCollection<string> attest, Usage maxAge, DateTimeOffset now)
    {
        if (!attest.Contains(Meta.Any) && !attest.Contains(payload.Attest))
        {
            return "wrong attest level";
        }
        if (maxAge.Nanoseconds >= 0 && now > DateTimeOffset.FromUnixTimeSeconds(payload.Iat).AddTicks(maxAge.Nanoseconds / 100))
        {
            return "expired payload";
        }
        if (call.OriginatorUri.Length > 0)
        {
            if (call.OriginatorUri != payload.Orig.Uri)
            {
                return "wrong originatorURI";
            }
        }
        else if (call.OriginatorTn != (payload.Orig.Tn ?? ""))
        {
            return "wrong originatorTn";
        }
        if (call.DestinationUri.Length > 0)
        {
            return payload.Dest.Uri?.Contains(call.DestinationUri) == true ? null : "wrong destinationURI";
        }
        return payload.Dest.Tn?.Contains(call.DestinationTn) == true ? null : "wrong destinationTn";
    }

    /// <summary>NewProcessedIdentity: white space dropped, the token split from its parameters, both segments decoded.</summary>
    private static ParsedIdentity Parse(string identity)
    {
        var compact = string.Concat(identity.Where(c => !char.IsWhiteSpace(c)));
        var parts = compact.Split(';');
        if (parts.Length == 1)
        {
            throw new StirException("missing parts of the message header");
        }
        var token = parts[0].Split('.');
        if (token.Length != 3)
        {
            throw new StirException("wrong header format");
        }
        return new ParsedIdentity(parts[1..], token[0] + "." + token[1], DecodeSegment(token[2]),
            Decode<PassportHeader>(token[0]), Decode<PassportPayload>(token[1]));
    }

    private static T Decode<T>(string segment)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(DecodeSegment(segment), GoJsonOptions.Default) ?? throw new StirException("unexpected end of JSON input");
        }
        catch (JsonException e)
        {
            throw new StirException(e.Message);
        }
    }

    // jwt.DecodeSegment: base64url, with or without padding.
    private static byte[] DecodeSegment(string segment)
    {
        var unpadded = segment.TrimEnd('=');
        var bytes = new byte[Base64Url.GetMaxDecodedLength(unpadded.Length)];
        if (Base64Url.DecodeFromChars(unpadded, bytes, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            throw new StirException("illegal base64 data at input byte 0");
        }
        return bytes[..written];
    }

    private static string Segment(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    private sealed record ParsedIdentity(string[] Parameters, string SigningString, byte[] Signature, PassportHeader Header, PassportPayload Payload)
    {
        /// <summary>VerifyHeader: alg and ppt parameters, when given, as SHAKEN's; the JOSE header SHAKEN's, its x5u the
        /// info parameter's (angle brackets dropped).</summary>
        public bool HeaderMatches()
        {
            var x5u = "";
            foreach (var parameter in Parameters)
            {
                var pair = parameter.Split('=');
                if (pair.Length != 2)
                {
                    continue;
                }
                switch (pair[0])
                {
                    case "alg" when pair[1] != PassportHeader.Algorithm:
                        return false;
                    case "ppt" when pair[1] != PassportHeader.Extension && pair[1] != "\"" + PassportHeader.Extension + "\"":
                        return false;
                    case "info":
                        if (pair[1].Length <= 2)
                        {
                            return false;
                        }
                        x5u = pair[1][0] == '<' && pair[1][^1] == '>' ? pair[1][1..^1] : pair[1];
                        break;
                }
            }
            return Header.Alg == PassportHeader.Algorithm && Header.Ppt == PassportHeader.Extension && Header.Typ == PassportHeader.MediaType
                && Header.X5u == x5u;
        }
    }
}

/// <summary>The call an identity is checked against: URIs, when given, are checked instead of the numbers.</summary>
public sealed record StirCall(string OriginatorTn, string OriginatorUri, string DestinationTn, string DestinationUri);
