namespace Obol.Esl;

/// <summary>FreeSWITCH refused the <c>auth</c> password (<c>-ERR invalid</c>) or rejected the connection by ACL.</summary>
public sealed class EslAuthenticationException : Exception
{
    public EslAuthenticationException()
    {
    }

    public EslAuthenticationException(string message)
        : base(message)
    {
    }

    public EslAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
