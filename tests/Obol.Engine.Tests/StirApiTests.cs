using System.Security.Cryptography;
using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>SessionSv1.STIRIdentity and STIRAuthenticate with the keys a cgrates.json <c>sessions.stir</c> names.</summary>
public sealed class StirApiTests
{
    [Fact]
    public async Task StirIdentityThenAuthenticate_ConfiguredKeys_SignedIdentityValidForItsCallOnly()
    {
        var dir = Directory.CreateTempSubdirectory("obol-stir-").FullName;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var privatePath = Path.Combine(dir, "private.pem");
        var publicPath = Path.Combine(dir, "public.pem");
        await File.WriteAllTextAsync(privatePath, key.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(publicPath, key.ExportSubjectPublicKeyInfoPem());
        var stir = $$"""{"default_attest":"B","publickey_path":{{JsonSerializer.Serialize(publicPath)}},"privatekey_path":{{JsonSerializer.Serialize(privatePath)}}}""";
        await using var engine = await SessionEngine.StartAsync(configure: c => c.Replace("\"sessions\": {", "\"sessions\": {\"stir\": " + stir + ",",
            StringComparison.Ordinal));

        var identity = (await engine.CallAsync("SessionSv1.STIRIdentity",
            """{"Payload":{"dest":{"tn":["1002"]},"orig":{"tn":"1001"},"origid":"abc"},"OverwriteIAT":true}""")).GetString()!;
        var ok = await engine.CallAsync("SessionSv1.STIRAuthenticate",
            $$"""{"Identity":{{JsonSerializer.Serialize(identity)}},"OriginatorTn":"1001","DestinationTn":"1002","PayloadMaxDuration":"1m"}""");
        var wrongDestination = await engine.Api.CallRawAsync("SessionSv1.STIRAuthenticate", JsonSerializer.SerializeToUtf8Bytes(
            new { Identity = identity, OriginatorTn = "1001", DestinationTn = "1003" }));
        var onlyA = await engine.Api.CallRawAsync("SessionSv1.STIRAuthenticate", JsonSerializer.SerializeToUtf8Bytes(
            new { Identity = identity, OriginatorTn = "1001", DestinationTn = "1002", Attest = new[] { "A" } }));
        var noPayload = await engine.Api.CallRawAsync("SessionSv1.STIRIdentity", "{}"u8.ToArray());

        Assert.Equal("OK", ok.GetString());
        Assert.Equal("*stir_authenticate: wrong destinationTn", wrongDestination.Error);
        // The payload had no attest: the section's default_attest B was signed in, which A alone refuses.
        Assert.Equal("*stir_authenticate: wrong attest level", onlyA.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [Payload]", noPayload.Error);
        Assert.EndsWith($";info=<{publicPath}>;alg=ES256;ppt=shaken", identity, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }
}
