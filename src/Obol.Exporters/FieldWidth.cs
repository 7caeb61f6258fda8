namespace Obol.Exporters;

/// <summary>utils.FmtFieldWidth: fixed-width shaping of a string field (FWV exports, any field with a width).</summary>
internal static class FieldWidth
{
    public static bool TryFormat(string tag, string source, int width, string strip, string padding, bool mandatory,
        out string text, out string? error)
    {
        text = source;
        error = null;
        if (mandatory && source.Length == 0)
        {
            error = $"Empty source value for fieldID: <{tag}>";
            return false;
        }
        if (width == 0 || source.Length == width)
        {
            return true;
        }
        if (source.Length > width)
        {
            switch (strip)
            {
                case "*right":
                    text = source[..width];
                    return true;
                case "*xright":
                    text = source[..(width - 1)] + "x"; // the x marks that the end was cut
                    return true;
                case "*left":
                    text = source[^width..];
                    return true;
                case "*xleft":
                    text = "x" + source[(source.Length - width + 1)..];
                    return true;
                default:
                    error = $"Source {source} is bigger than the width {width}, no strip defied, fieldID: <{tag}>";
                    return false;
            }
        }
        switch (padding)
        {
            case "*right":
                text = source.PadRight(width);
                return true;
            case "*left":
                text = source.PadLeft(width);
                return true;
            case "*zeroleft":
                // Go's %0Ns puts zeros before the sign too; the values here are identifiers and counters.
                text = source.PadLeft(width, '0');
                return true;
            default:
                error = $"Source {source} is smaller than the width {width}, no padding defined, fieldID: <{tag}>";
                return false;
        }
    }
}
