using System.Net;
using System.Net.Sockets;

namespace Obol.Filters;

/// <summary>
/// Go's net.ParseCIDR + IPNet.Contains: host bits in the CIDR are ignored (unlike .NET's IPNetwork), and IPv4
/// addresses match IPv4 networks whether written plain or IPv4-mapped.
/// </summary>
internal static class IpNetworkMatch
{
    public static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Length == 0 || text.Contains('%', StringComparison.Ordinal) || text.Contains('[', StringComparison.Ordinal)
            || !IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }
        // .NET accepts "1" or "1.2" as IPv4 shorthands; Go wants four dotted parts or an IPv6 text.
        if (parsed.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3)
        {
            return false;
        }
        address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
        return true;
    }

    public static bool Contains(string cidr, IPAddress address)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TryParseAddress(cidr[..slash], out var network)
            || !int.TryParse(cidr.AsSpan(slash + 1), out var bits) || bits < 0)
        {
            return false;
        }
        if (network.AddressFamily != address.AddressFamily)
        {
            return false;
        }
        Span<byte> a = stackalloc byte[16];
        Span<byte> n = stackalloc byte[16];
        address.TryWriteBytes(a, out var length);
        network.TryWriteBytes(n, out _);
        if (bits > length * 8)
        {
            return false;
        }
        for (var i = 0; bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : 0xFF << (8 - bits) & 0xFF;
            if ((a[i] & mask) != (n[i] & mask))
            {
                return false;
            }
        }
        return true;
    }
}
