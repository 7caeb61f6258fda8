using System.Text;
using System.Text.Json;

namespace Obol.Api.JsonRpc.Tests;

internal static class Requests
{
    public const string Ping = """{"method":"CoreSv1.Ping","params":[{}],"id":1}""";
    public const string PingReply = "{\"id\":1,\"result\":\"Pong\",\"error\":null}\n";

    public static string Call(string method, string argument, object id) =>
        $$"""{"method":"{{method}}","params":[{{argument}}],"id":{{JsonSerializer.Serialize(id)}}}""";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string IdOf(string reply)
    {
        using var document = JsonDocument.Parse(reply);
        return document.RootElement.GetProperty("id").GetRawText();
    }
}
