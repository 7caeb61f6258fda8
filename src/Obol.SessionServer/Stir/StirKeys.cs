using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Obol.SessionServer.Stir;

/// <summary>
/// The ECDSA keys STIR/SHAKEN signs and verifies with, read as CGRateS reads them (utils.NewECDSAPrvKey/PubKey): from a
/// file, or over HTTP(S) when the path is a URL; PEM, a public key given as a key or as a certificate. A key read once
/// is kept (CGRateS's <c>*stir</c> cache); a failed read is not, so a key put right later is found.
/// </summary>
public sealed class StirKeys(HttpClient http, TimeSpan timeout) : IDisposable
{
    private readonly ConcurrentDictionary<(string Path, bool Private), ECDsa> _keys = new();

    public async Task<ECDsa> PrivateAsync(string path, CancellationToken ct) => await GetAsync(path, isPrivate: true, ct).ConfigureAwait(false);

    public async Task<ECDsa> PublicAsync(string path, CancellationToken ct) => await GetAsync(path, isPrivate: false, ct).ConfigureAwait(false);

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    private async Task<ECDsa> GetAsync(string path, bool isPrivate, CancellationToken ct)
    {
        if (_keys.TryGetValue((path, isPrivate), out var cached))
        {
            return cached;
        }
        var pem = await ReadAsync(path, ct).ConfigureAwait(false);
        var key = Parse(pem, isPrivate);
        return _keys.GetOrAdd((path, isPrivate), key);
    }

    private async Task<string> ReadAsync(string path, CancellationToken ct)
    {
        if (!path.StartsWith("http://", StringComparison.Ordinal) && !path.StartsWith("https://", StringComparison.Ordinal))
        {
            try
            {
                return await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StirException($"open {path}: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : e.Message)}");
            }
        }
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(new Uri(path), timeoutSource.Token).ConfigureAwait(false);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                throw new StirException($"http status error: {(int)response.StatusCode}");
            }
            return await response.Content.ReadAsStringAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new StirException($"Get \"{path}\": {e.Message}");
        }
    }

    private static ECDsa Parse(string pem, bool isPrivate)
    {
        try
        {
            if (!isPrivate && pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                using var certificate = X509Certificate2.CreateFromPem(pem);
                return certificate.GetECDsaPublicKey() ?? throw new StirException("key is not a valid ECDSA public key");
            }
            var key = ECDsa.Create();
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new StirException(isPrivate ? "key must be a PEM encoded PKCS1 or PKCS8 key" : "key is not a valid ECDSA public key");
        }
    }
}

/// <summary>A STIR/SHAKEN failure; its message is the reason after CGRateS's <c>*stir_authenticate: </c> prefix.</summary>
public sealed class StirException(string message) : Exception(message);
