namespace Obol.Esl;

/// <summary>
/// A <c>bgapi</c> command FreeSWITCH accepted. <see cref="Result"/> completes with the body of the matching
/// <c>BACKGROUND_JOB</c> event, fails with <see cref="EslCommandException"/> when that body is an error and with
/// <see cref="IOException"/> when the connection is lost first.
/// </summary>
public sealed record EslBackgroundJob(string JobUuid, Task<string> Result);
