using System.Text;

namespace Obol.Evapi.Tests;

/// <summary>The captures in data/ (see data/README.md).</summary>
internal static class TestData
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", name));

    /// <summary>The message text; the newline some copied files end with is not part of the message.</summary>
    public static string Text(string name) => Encoding.UTF8.GetString(Bytes(name)).TrimEnd('\n');

    public static byte[] Utf8(string name) => Encoding.UTF8.GetBytes(Text(name));

    public static KamEvent Event(string name) => KamEvent.Parse(Utf8(name));
}
