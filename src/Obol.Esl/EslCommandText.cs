namespace Obol.Esl;

/// <summary>
/// Guards for text placed into a command. A newline would end the command early and let the rest be read as another
/// command, so arguments coming from events or attributes must never carry one.
/// </summary>
internal static class EslCommandText
{
    public static void RequireLine(string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("Event-socket command text must not contain line breaks.", paramName);
        }
    }

    public static void RequireToken(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, paramName);
        if (value.AsSpan().IndexOfAny(" \t\r\n") >= 0)
        {
            throw new ArgumentException($"'{value}' must be a single word without whitespace.", paramName);
        }
    }

    public static void RequireCommand(string command, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command, paramName);
        RequireLine(command, paramName);
    }

    /// <summary>A raw command may carry header lines after its first line, but no empty line inside or around it.</summary>
    public static void RequireRawCommand(string command, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command, paramName);
        if (command.Contains('\r', StringComparison.Ordinal) || command.Contains("\n\n", StringComparison.Ordinal)
            || command[0] == '\n' || command[^1] == '\n')
        {
            throw new ArgumentException("A raw command must not contain empty lines or carriage returns; the client ends it.", paramName);
        }
    }
}
