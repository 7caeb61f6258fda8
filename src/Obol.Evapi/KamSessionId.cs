namespace Obol.Evapi;

/// <summary>sessions.SessionID: how SessionS names a session it must keep or close after a channel sync.</summary>
public readonly record struct KamSessionId(string OriginHost, string OriginId);
