namespace Obol.GoJson;

/// <summary>
/// Orders strings as Go compares them: by their UTF-8 bytes, which is code point order. Plain ordinal comparison
/// of UTF-16 differs only where a surrogate (a code point above U+FFFF) meets U+E000..U+FFFF.
/// </summary>
public sealed class GoStringComparer : IComparer<string?>
{
    public static GoStringComparer Instance { get; } = new();

    private GoStringComparer()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }
        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            if (x[i] != y[i])
            {
                return CodePointOrder(x[i]) - CodePointOrder(y[i]);
            }
        }
        return x.Length - y.Length;
    }

    // Moves surrogates above U+E000..U+FFFF so that UTF-16 units sort in code point order.
    private static int CodePointOrder(char c) => c switch
    {
        >= '\uE000' => c - 0x800,
        >= '\uD800' => c + 0x2000,
        _ => c,
    };
}
