namespace Obol.Esl;

/// <summary>
/// FreeSWITCH answered a command with an error (<c>-ERR ...</c> or <c>-USAGE ...</c>); <see cref="Exception.Message"/>
/// holds the reply text as FreeSWITCH wrote it.
/// </summary>
public sealed class EslCommandException : Exception
{
    public EslCommandException()
    {
    }

    public EslCommandException(string message)
        : base(message)
    {
    }

    public EslCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EslCommandException(string command, string replyText)
        : base(replyText)
    {
        Command = command;
        ReplyText = replyText;
    }

    /// <summary>The command as sent, without its <c>api</c>/<c>bgapi</c> prefix; empty when unknown.</summary>
    public string Command { get; } = "";

    /// <summary>The error text FreeSWITCH answered, e.g. <c>-ERR No such channel!</c>.</summary>
    public string ReplyText { get; } = "";
}
