using System.Text;

namespace Obol.Esl.Tests;

/// <summary>The FreeSWITCH captures under data/freeswitch (see its README).</summary>
internal static class Captures
{
    public const string ChannelPark = "channel_park.txt";
    public const string HangupComplete2015 = "channel_hangup_complete_1.txt";
    public const string HangupComplete2018 = "channel_hangup_complete_2.txt";
    public const string Heartbeat = "re_schedule_heartbeat.txt";
    public const string FramingExample = "esl_framing_example_re_schedule.txt";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "data", "freeswitch", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>A capture wrapped in the outer frame FreeSWITCH puts around a plain event.</summary>
    public static byte[] EventFrame(string name)
    {
        var body = Text(name);
        return Encoding.UTF8.GetBytes($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\nContent-Type: text/event-plain\n\n{body}");
    }
}
