using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Globalization;

namespace Obol.Ips;

/// <summary>
/// The addresses a pool hands out, from its Range: a CIDR prefix or a single address. An IPv4 prefix of /30 or wider
/// leaves out its network and broadcast addresses, which no host can use; /31 and /32 (RFC 3021) and IPv6 prefixes
/// keep every address. Addresses are numbered by offset from <see cref="First"/>.
/// </summary>
public sealed class IpRange
{
    private readonly UInt128 _first;

    private IpRange(string text, AddressFamily family, UInt128 first, UInt128 count)
    {
        (Text, Family, _first, Count) = (text, family, first, count);
        First = ToAddress(first);
    }

    /// <summary>The Range as written.</summary>
    public string Text { get; }

    public AddressFamily Family { get; }

    public IPAddress First { get; }

    public UInt128 Count { get; }

    public bool IsSingle => Count == UInt128.One;

    /// <summary>The <c>*ipv4</c> or <c>*ipv6</c> of the pool's Type.</summary>
    public string TypeName => Family == AddressFamily.InterNetwork ? "*ipv4" : "*ipv6";

    public static bool TryParse(string text, [NotNullWhen(true)] out IpRange? range, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        range = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!IsDottedQuadOrIpv6(slash < 0 ? text : text[..slash]))
        {
            error = $"Range <{text}> is neither a CIDR prefix nor an IP address";
            return false;
        }
        var addressText = slash < 0 ? text : text[..slash];
        var lengthText = slash < 0 ? "" : text[(slash + 1)..];
        if (!IPAddress.TryParse(addressText, out var address)
            || (slash >= 0 && !(lengthText.Length is > 0 and <= 3 && lengthText.All(char.IsAsciiDigit) && (lengthText.Length == 1 || lengthText[0] != '0'))))
        {
            error = $"Range <{text}> is neither a CIDR prefix nor an IP address";
            return false;
        }
        var family = address.AddressFamily;
        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        var prefixLength = slash < 0 ? bits : int.Parse(lengthText, CultureInfo.InvariantCulture);
        if (prefixLength > bits)
        {
            error = $"Range <{text}> is neither a CIDR prefix nor an IP address";
            return false;
        }
        // Go's netip.ParsePrefix keeps host bits (10.0.0.5/24); the pool is the network they belong to.
        var hostBits = bits - prefixLength;
        var count = hostBits == 128 ? UInt128.MaxValue : UInt128.One << hostBits;
        var first = Number(address) & ~(count - 1);
        if (hostBits == 128)
        {
            first = UInt128.Zero;
        }
        if (family == AddressFamily.InterNetwork && hostBits >= 2)
        {
            (first, count) = (first + 1, count - 2);
        }
        range = new IpRange(text, family, first, count);
        error = null;
        return true;
    }

    /// <summary>Go's netip reads IPv4 only as four decimal parts, where .NET also takes <c>10.0.0</c> or
    /// <c>0x0A000001</c>; a Range in such a form would allocate other addresses than the operator meant.</summary>
    private static bool IsDottedQuadOrIpv6(string address)
    {
        if (address.Contains(':', StringComparison.Ordinal))
        {
            return !address.Contains('%', StringComparison.Ordinal) && !address.Contains('[', StringComparison.Ordinal);
        }
        var parts = address.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit));
    }

    public IPAddress AddressAt(UInt128 offset) => offset < Count
        ? ToAddress(_first + offset)
        : throw new ArgumentOutOfRangeException(nameof(offset), offset, $"beyond the {Count} addresses of {Text}");

    /// <summary>The offset of <paramref name="address"/> when it is one of this range's addresses.</summary>
    public bool TryOffsetOf(IPAddress address, out UInt128 offset)
    {
        ArgumentNullException.ThrowIfNull(address);
        offset = default;
        if (address.AddressFamily != Family)
        {
            return false;
        }
        var number = Number(address);
        if (number < _first || number - _first >= Count)
        {
            return false;
        }
        offset = number - _first;
        return true;
    }

    private static UInt128 Number(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        UInt128 value = 0;
        for (var i = 0; i < written; i++)
        {
            value = (value << 8) | bytes[i];
        }
        return value;
    }

    private IPAddress ToAddress(UInt128 number)
    {
        var length = Family == AddressFamily.InterNetwork ? 4 : 16;
        Span<byte> bytes = stackalloc byte[length];
        for (var i = length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(number & 0xFF);
            number >>= 8;
        }
        return new IPAddress(bytes);
    }

    public override string ToString() => Text;
}
