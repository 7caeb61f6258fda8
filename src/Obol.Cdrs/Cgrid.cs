using System.Security.Cryptography;
using System.Text;

namespace Obol.Cdrs;

/// <summary>CGRateS's record identity: <c>utils.Sha1(OriginID, OriginHost)</c>, the strings hashed back to back.</summary>
public static class Cgrid
{
    /// <summary>Lower-case hex SHA-1 of <paramref name="originId"/> followed by <paramref name="originHost"/>.</summary>
    public static string Compute(string originId, string originHost) => Sha1(originId, originHost);

    /// <summary>utils.Sha1: the parts are written into one hash with no separator.</summary>
    public static string Sha1(params ReadOnlySpan<string> parts)
    {
        // SHA-1 is CGRateS's identity function here, not a security boundary.
#pragma warning disable CA5350
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
#pragma warning restore CA5350
        foreach (var part in parts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>utils.UUIDSha1Prefix: the first 7 hex digits of the SHA-1 of a fresh UUID, the event IDs CGRateS
    /// gives the events it builds from CDRs.</summary>
    public static string NewEventId() => Sha1(Guid.NewGuid().ToString())[..7];
}
