namespace Obol.Primitives;

/// <summary>The rounding methods CGRateS knows. <see cref="None"/> stands for any other string: no rounding.</summary>
public enum RoundingMethod : byte
{
    None = 0,
    Up,
    Middle,
    Down,
}

public static class RoundingMethods
{
    public const string MetaUp = "*up";
    public const string MetaMiddle = "*middle";
    public const string MetaDown = "*down";

    /// <summary>Maps the wire string; unknown strings mean "no rounding", as in utils.Round's default branch.</summary>
    public static RoundingMethod Parse(ReadOnlySpan<char> text) => text switch
    {
        MetaUp => RoundingMethod.Up,
        MetaMiddle => RoundingMethod.Middle,
        MetaDown => RoundingMethod.Down,
        _ => RoundingMethod.None,
    };

    public static bool IsKnown(ReadOnlySpan<char> text) => text is MetaUp or MetaMiddle or MetaDown;

    public static string ToWire(this RoundingMethod method) => method switch
    {
        RoundingMethod.Up => MetaUp,
        RoundingMethod.Middle => MetaMiddle,
        RoundingMethod.Down => MetaDown,
        _ => "",
    };
}
