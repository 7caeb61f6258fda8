using System.Net;
using System.Security.Cryptography;
using Obol.Primitives;
using Obol.SessionServer.Stir;
using Xunit;

namespace Obol.SessionServer.Tests;

public sealed class StirIdentityTests : IDisposable
{
    // An identity CGRateS signed (its sessions tests), and the public key it verifies with, published at the x5u.
    private const string CgratesIdentity =
        "eyJhbGciOiJFUzI1NiIsInBwdCI6InNoYWtlbiIsInR5cCI6InBhc3Nwb3J0IiwieDV1IjoiaHR0cHM6Ly93d3cuZXhhbXBsZS5vcmcvY2VydC5jZXIifQ"
        + ".eyJhdHRlc3QiOiJBIiwiZGVzdCI6eyJ0biI6WyIxMDAyIl19LCJpYXQiOjE1ODcwMTk4MjIsIm9yaWciOnsidG4iOiIxMDAxIn0sIm9yaWdpZCI6IjEyMzQ1NiJ9"
        + ".4ybtWmgqdkNyJLS9Iv3PuJV8ZxR7yZ_NEBhCpKCEu2WBiTchqwoqoWpI17Q_ALm38tbnpay32t95ZY_LhSgwJg;info=<https://www.example.org/cert.cer>;ppt=shaken";

    private const string CgratesPublicKey = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAESt8sEh55Yc579vLHjFRWVQO27p4Y
        aa+jqv4dwkr/FLEcN1zC76Y/IniI65fId55hVJvN3ORuzUqYEtzD3irmsw==
        -----END PUBLIC KEY-----
        """;

    private static readonly string[] s_any = [Meta.Any];
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(1587019822 + 30);

    private readonly string _dir = Directory.CreateTempSubdirectory("obol-stir-").FullName;
    private readonly HttpClient _http = new(new PublishedKeys(("https://www.example.org/cert.cer", CgratesPublicKey)));
    private readonly StirKeys _keys;

    public StirIdentityTests() => _keys = new StirKeys(_http, TimeSpan.FromSeconds(2));

    public void Dispose()
    {
        _keys.Dispose();
        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task AuthenticateAsync_IdentityCgratesSigned_ValidForItsCallOnly()
    {
        var identity = new StirIdentity(_keys);

        var valid = await identity.AuthenticateAsync(CgratesIdentity, new StirCall("1001", "", "1002", ""), s_any, new Usage(-1), s_now, default);
        var otherDestination = await identity.AuthenticateAsync(CgratesIdentity, new StirCall("1001", "", "1003", ""), s_any, new Usage(-1), s_now, default);
        var otherCaller = await identity.AuthenticateAsync(CgratesIdentity, new StirCall("1009", "", "1002", ""), s_any, new Usage(-1), s_now, default);
        var onlyB = await identity.AuthenticateAsync(CgratesIdentity, new StirCall("1001", "", "1002", ""), ["B"], new Usage(-1), s_now, default);
        var expired = await identity.AuthenticateAsync(CgratesIdentity, new StirCall("1001", "", "1002", ""), s_any, Usage.FromSeconds(10), s_now, default);
        var tampered = await identity.AuthenticateAsync(CgratesIdentity.Replace("4ybt", "4ybu", StringComparison.Ordinal),
            new StirCall("1001", "", "1002", ""), s_any, new Usage(-1), s_now, default);
        var otherInfo = await identity.AuthenticateAsync(CgratesIdentity.Replace("cert.cer>", "cert.cer2>", StringComparison.Ordinal),
            new StirCall("1001", "", "1002", ""), s_any, new Usage(-1), s_now, default);

        Assert.Null(valid);
        Assert.Equal(("wrong destinationTn", "wrong originatorTn", "wrong attest level", "expired payload"), (otherDestination, otherCaller, onlyB, expired));
        Assert.Equal("crypto/ecdsa: verification error", tampered);
        Assert.Equal("wrong header", otherInfo);
    }

    [Fact]
    public async Task CreateAsync_KeysFromFiles_SignsWhatAuthenticateAccepts()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var privatePath = Path.Combine(_dir, "private.pem");
        var publicPath = Path.Combine(_dir, "public.pem");
        await File.WriteAllTextAsync(privatePath, key.ExportECPrivateKeyPem());
        await File.WriteAllTextAsync(publicPath, key.ExportSubjectPublicKeyInfoPem());
        var identity = new StirIdentity(_keys);
        var payload = new PassportPayload
        {
            Attest = "A", Iat = s_now.ToUnixTimeSeconds(), OrigId = "call-1",
            Dest = new PassportDestinations { Tn = ["1002"] }, Orig = new PassportOrigin { Tn = "1001" },
        };

        var header = await identity.CreateAsync(PassportHeader.For(publicPath), payload, privatePath, default);
        var check = await identity.AuthenticateAsync(header, new StirCall("1001", "", "1002", ""), s_any, Usage.FromMinutes(1), s_now, default);
        var missingKey = await Assert.ThrowsAsync<StirException>(() => identity.CreateAsync(PassportHeader.For(publicPath), payload,
            Path.Combine(_dir, "none.pem"), default));

        Assert.Null(check);
        var token = header.Split(';')[0].Split('.');
        Assert.Equal("""{"typ":"passport","alg":"ES256","ppt":"shaken","x5u":"PATH"}""".Replace("PATH", publicPath, StringComparison.Ordinal),
            System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token[0])));
        Assert.Equal($$"""{"attest":"A","dest":{"tn":["1002"]},"iat":{{s_now.ToUnixTimeSeconds()}},"orig":{"tn":"1001"},"origid":"call-1"}""",
            System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token[1])));
        Assert.EndsWith($";info=<{publicPath}>;alg=ES256;ppt=shaken", header, StringComparison.Ordinal);
        Assert.Equal($"open {Path.Combine(_dir, "none.pem")}: no such file or directory", missingKey.Message);
    }

    [Theory]
    [InlineData("", "missing parts of the message header")]
    [InlineData("abc.def;info=<x>", "wrong header format")]
    public async Task AuthenticateAsync_MalformedIdentity_CgratesReason(string header, string expected) =>
        Assert.Equal(expected, await new StirIdentity(_keys).AuthenticateAsync(header, new StirCall("1001", "", "1002", ""), s_any, new Usage(-1), s_now, default));

    /// <summary>Stands in for the web servers the x5u URLs name.</summary>
    private sealed class PublishedKeys(params (string Url, string Pem)[] keys) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var found = keys.FirstOrDefault(k => k.Url == request.RequestUri?.ToString());
            return Task.FromResult(found.Pem is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(found.Pem) });
        }
    }
}
