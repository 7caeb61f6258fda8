namespace Obol.Evapi.Testing;

/// <summary>One active dialog as dlg.briefing "c" reports it.</summary>
public sealed record FakeDialog(long HashEntry, long HashId, string CallId);
