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
        var (dir, privatePath, publicPath) = await KeysAsync(pkcs8: true);
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

    [Fact]
    public async Task ProcessEvent_StirInitiateThenAuthenticate_IdentityOfTheEventsNumbers()
    {
        var (dir, privatePath, publicPath) = await KeysAsync(pkcs8: false);
        await using var engine = await SessionEngine.StartAsync();
        string Event(string flag, string destination, string opts) =>
            $$"""{"Flags":["{{flag}}"],"Tenant":"cgrates.org","ID":"stir-1","Event":{"Account":"1001","Destination":"{{destination}}"},"APIOpts":{""" + opts + "}}";
        var keys = $$"""
            "*stirPublicKeyPath":{{JsonSerializer.Serialize(publicPath)}},"*stirPrivateKeyPath":{{JsonSerializer.Serialize(privatePath)}}
            """;

        var initiated = await engine.CallAsync("SessionSv1.ProcessEvent", Event("*stir_initiate", "1002", keys));
        var identity = initiated.GetProperty("STIRIdentity").GetProperty("*raw").GetString()!;
        var authenticated = await engine.Api.CallRawAsync("SessionSv1.ProcessEvent", System.Text.Encoding.UTF8.GetBytes(
            Event("*stir_authenticate", "1002", $"\"*stirIdentity\":{JsonSerializer.Serialize(identity)}")));
        var otherCallee = await engine.Api.CallRawAsync("SessionSv1.ProcessEvent", System.Text.Encoding.UTF8.GetBytes(
            Event("*stir_authenticate", "1003", $"\"*stirIdentity\":{JsonSerializer.Serialize(identity)}")));

        Assert.Null(authenticated.Error);
        Assert.Equal("*stir_authenticate: wrong destinationTn", otherCallee.Error);
        var payload = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(identity.Split('.')[1]));
        Assert.StartsWith("""{"attest":"A","dest":{"tn":["1002"],"uri":[""]},"iat":""", payload, StringComparison.Ordinal);
        Assert.EndsWith(""","orig":{"tn":"1001"},"origid":"stir-1"}""", payload, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>A fresh P-256 key pair as PEM files, the private key as PKCS#8 or as SEC1 (both are accepted).</summary>
    private static async Task<(string Dir, string PrivatePath, string PublicPath)> KeysAsync(bool pkcs8)
    {
        var dir = Directory.CreateTempSubdirectory("obol-stir-").FullName;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var privatePath = Path.Combine(dir, "private.pem");
        var publicPath = Path.Combine(dir, "public.pem");
        await File.WriteAllTextAsync(privatePath, pkcs8 ? key.ExportPkcs8PrivateKeyPem() : key.ExportECPrivateKeyPem());
        await File.WriteAllTextAsync(publicPath, key.ExportSubjectPublicKeyInfoPem());
        return (dir, privatePath, publicPath);
    }
}
