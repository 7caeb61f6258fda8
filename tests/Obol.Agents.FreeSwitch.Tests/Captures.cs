using Obol.Esl;

namespace Obol.Agents.FreeSwitch.Tests;

/// <summary>Real FreeSWITCH event bodies under data/ (copied from tests/Obol.Esl.Tests/data/freeswitch).</summary>
internal static class Captures
{
    public const string ChannelPark = "channel_park.txt";
    public const string HangupComplete2015 = "channel_hangup_complete_1.txt";
    public const string HangupComplete2018 = "channel_hangup_complete_2.txt";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    /// <summary>The capture parsed as the agent receives it (CRLF from the checkout normalised away).</summary>
    public static EslEvent Event(string name) => EslEvent.Parse(Text(name).Replace("\r\n", "\n", StringComparison.Ordinal));

    /// <summary>The capture with some headers replaced or added, ready for FakeFreeSwitch.SendEventAsync.</summary>
    public static List<KeyValuePair<string, string>> Headers(string name, params (string Name, string Value)[] overrides)
    {
        var headers = Event(name).Headers.Where(h => h.Key != "Content-Length").ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        foreach (var (header, value) in overrides)
        {
            headers[header] = value;
        }
        return [.. headers];
    }
}
