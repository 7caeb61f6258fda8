using System.Globalization;
using System.Text;

namespace Obol.Esl.Testing;

/// <summary>
/// Writes <c>show channels</c> output the way FreeSWITCH 1.10 prints its channels table: a header row (only when there
/// are rows), one row per channel, then an empty line and <c>N total.</c>. Values are not quoted.
/// </summary>
public static class ShowChannelsRenderer
{
    /// <summary>The columns of the FreeSWITCH 1.10 core <c>channels</c> table, in output order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "uuid", "direction", "created", "created_epoch", "name", "state", "cid_name", "cid_num", "ip_addr", "dest",
        "application", "application_data", "dialplan", "context", "read_codec", "read_rate", "read_bit_rate",
        "write_codec", "write_rate", "write_bit_rate", "secure", "hostname", "presence_id", "presence_data",
        "accountcode", "callstate", "callee_name", "callee_num", "callee_direction", "call_uuid", "sent_callee_name",
        "sent_callee_num", "initial_cid_name", "initial_cid_num", "initial_ip_addr", "initial_dest", "initial_dialplan",
        "initial_context",
    ];

    public static string Render(IReadOnlyList<FakeChannel> channels, string delimiter = ",")
    {
        var output = new StringBuilder();
        if (channels.Count > 0)
        {
            output.AppendJoin(delimiter, Columns).Append('\n');
            foreach (var channel in channels)
            {
                output.AppendJoin(delimiter, Row(channel)).Append('\n');
            }
        }
        output.Append('\n').Append(channels.Count.ToString(CultureInfo.InvariantCulture)).Append(" total.\n");
        return output.ToString();
    }

    private static string[] Row(FakeChannel channel) =>
    [
        channel.Uuid, channel.Direction, "2023-12-22 10:12:32", "1703257952", $"sofia/internal/{channel.CallerNumber}@127.0.0.1",
        "CS_EXECUTE", channel.CallerNumber, channel.CallerNumber, "127.0.0.1", channel.Destination, channel.Application,
        channel.ApplicationData, "XML", "default", "PCMU", "8000", "64000", "PCMU", "8000", "64000", "", "fake-fs",
        $"{channel.CallerNumber}@127.0.0.1", "", "", "RINGING", "", "", "", channel.Uuid, "", "", channel.CallerNumber,
        channel.CallerNumber, "127.0.0.1", channel.Destination, "XML", "default",
    ];
}
