namespace Obol.Esl.Testing;

/// <summary>A command as <see cref="FakeFreeSwitch"/> received it.</summary>
/// <param name="Line">The first line, exactly as sent, e.g. <c>api uuid_kill 4967ceb1-... MANAGER_REQUEST</c>.</param>
/// <param name="Headers">The <c>Name: value</c> lines after it (sendmsg headers, a bgapi Job-UUID).</param>
/// <param name="ConnectionId">Which accepted connection sent it, counting from 1.</param>
public sealed record EslReceivedCommand(string Line, IReadOnlyDictionary<string, string> Headers, int ConnectionId)
{
    /// <summary>The text after the first word (<c>api</c>, <c>bgapi</c>, <c>sendmsg</c>, ...), or empty.</summary>
    public string Argument => Line.IndexOf(' ', StringComparison.Ordinal) is var space and >= 0 ? Line[(space + 1)..] : "";

    /// <summary>The first word of the line, e.g. <c>api</c>.</summary>
    public string Verb => Line.IndexOf(' ', StringComparison.Ordinal) is var space and >= 0 ? Line[..space] : Line;
}
