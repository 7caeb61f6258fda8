using System.Collections.Concurrent;
using System.Text;

namespace Obol.Esl;

/// <summary>
/// Every event repeats the same few hundred header names; handing out one shared string per name saves about a hundred
/// allocations per event. Bounded so that a peer inventing names cannot grow it without limit.
/// </summary>
internal static class HeaderNameCache
{
    private const int MaxEntries = 4096;
    private const int MaxNameLength = 96;

    private static readonly ConcurrentDictionary<string, string> s_names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_lookup =
        s_names.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int s_count;

    public static string Get(ReadOnlySpan<byte> utf8Name)
    {
        if (utf8Name.Length > MaxNameLength || !Ascii.IsValid(utf8Name))
        {
            return Encoding.UTF8.GetString(utf8Name);
        }

        Span<char> chars = stackalloc char[MaxNameLength];
        var length = Encoding.ASCII.GetChars(utf8Name, chars);
        var name = chars[..length];
        if (s_lookup.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var created = new string(name);
        if (Volatile.Read(ref s_count) < MaxEntries && s_names.TryAdd(created, created))
        {
            Interlocked.Increment(ref s_count);
        }
        return created;
    }
}
