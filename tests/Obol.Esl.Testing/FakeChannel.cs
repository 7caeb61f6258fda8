namespace Obol.Esl.Testing;

/// <summary>A channel <see cref="FakeFreeSwitch"/> lists in its <c>show channels</c> answer.</summary>
public sealed record FakeChannel(
    string Uuid,
    string CallerNumber = "1001",
    string Destination = "1002",
    string Direction = "inbound",
    string Application = "park",
    string ApplicationData = "");
