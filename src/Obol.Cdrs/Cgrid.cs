using System.Buffers;
using System.Globalization;
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
        var length = 0;
        foreach (var part in parts)
        {
            length += Encoding.UTF8.GetMaxByteCount(part.Length);
        }
        // One-shot hashing of the parts gathered in one buffer: an IncrementalHash per call cost a native hash context
        // and an array per part, on every request that names a call.
        byte[]? rented = null;
        var buffer = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = 0;
            foreach (var part in parts)
            {
                written += Encoding.UTF8.GetBytes(part, buffer[written..]);
            }
            Span<byte> digest = stackalloc byte[20];
            // SHA-1 is CGRateS's identity function here, not a security boundary.
#pragma warning disable CA5350
            SHA1.HashData(buffer[..written], digest);
#pragma warning restore CA5350
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>utils.UUIDSha1Prefix: the first 7 hex digits of the SHA-1 of a fresh UUID, the event IDs CGRateS
    /// gives the events it builds from CDRs. Those digits are just random (nothing relies on them being unguessable), so
    /// they are drawn directly.</summary>
    public static string NewEventId() => string.Create(7, Random.Shared.Next(0x1000_0000), static (chars, value) =>
        value.TryFormat(chars, out _, "x7", CultureInfo.InvariantCulture));
}
