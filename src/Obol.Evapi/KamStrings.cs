using System.Text;

namespace Obol.Evapi;

/// <summary>
/// The keys and the recurring values of Kamailio's templates, so that decoding them hands out one shared string
/// instead of allocating a copy per message.
/// </summary>
internal static class KamStrings
{
    private static readonly string[] s_known =
    [
        "",
        KamFields.Event, KamFields.TrIndex, KamFields.TrLabel, KamFields.CgrFlags, KamFields.ReplyRoute,
        KamFields.HashEntry, KamFields.HashId, KamFields.CgrContext, KamFields.OriginId, KamFields.OriginHost,
        KamFields.Source, KamFields.RequestType, KamFields.Tenant, KamFields.Account, KamFields.Subject,
        KamFields.Destination, KamFields.SetupTime, KamFields.AnswerTime, KamFields.Usage, KamFields.PaypalAccount,
        KamEventNames.AuthRequest, KamEventNames.CallStart, KamEventNames.CallEnd, KamEventNames.ProcessMessage,
        KamEventNames.ProcessCdr, KamEventNames.DlgListReply, KamEventNames.SessionAuthReplyRoute,
        KamEventNames.SimpleAuthReplyRoute,
        "*attributes;*accounts;*routes;*resources;*thresholds", "*attributes;*accounts;*resources;*thresholds",
        "*accounts;*resources", "*attributes", "simpleauth",
        "cgrates.org", "*prepaid", "*postpaid", "*pseudoprepaid", "*rated", "*none", "<null>",
    ];

    // Indexed by UTF-8 length: a lookup compares only the few candidates of the right length.
    private static readonly (byte[] Utf8, string Value)[][] s_byLength = BuildTable();

    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < s_byLength.Length)
        {
            foreach (var (bytes, value) in s_byLength[utf8.Length])
            {
                if (utf8.SequenceEqual(bytes))
                {
                    return value;
                }
            }
        }
        // Invalid UTF-8 becomes U+FFFD, as Go's decoder does, rather than failing the event.
        return Encoding.UTF8.GetString(utf8);
    }

    private static (byte[], string)[][] BuildTable()
    {
        var maxLength = s_known.Max(Encoding.UTF8.GetByteCount);
        var table = new (byte[], string)[maxLength + 1][];
        for (var length = 0; length <= maxLength; length++)
        {
            table[length] = [.. s_known.Where(s => Encoding.UTF8.GetByteCount(s) == length).Select(s => (Encoding.UTF8.GetBytes(s), s))];
        }
        return table;
    }
}
