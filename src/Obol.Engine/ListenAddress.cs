using System.Net;

namespace Obol.Engine;

/// <summary>Go's listen addresses: <c>127.0.0.1:2012</c>, <c>:2012</c> (every interface, as Go binds it), <c>localhost:2012</c>.</summary>
internal static class ListenAddress
{
    public static bool TryParse(string text, out IPEndPoint endPoint)
    {
        endPoint = null!;
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is < 0 or > 65535)
        {
            return false;
        }
        var host = text[..colon].Trim('[', ']');
        IPAddress? address = host switch
        {
            "" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ => IPAddress.TryParse(host, out var parsed) ? parsed : null,
        };
        if (address is null)
        {
            return false;
        }
        endPoint = new IPEndPoint(address, port);
        return true;
    }
}
