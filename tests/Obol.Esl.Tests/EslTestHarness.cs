using Obol.Esl.Testing;

namespace Obol.Esl.Tests;

/// <summary>Short timeouts so that a broken exchange fails the test instead of hanging it.</summary>
internal static class EslTestHarness
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static EslClientOptions Options { get; } = new()
    {
        ReplyTimeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    public static FakeFreeSwitch StartFake(string password = "ClueCon") => new FakeFreeSwitch(password).Start();

    public static Task<EslClient> ConnectAsync(FakeFreeSwitch fake, EslClientOptions? options = null) =>
        EslClient.ConnectAsync(fake.Host, fake.Port, fake.Password, options ?? Options);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Patience);

    public static Task Within(this Task task) => task.WaitAsync(Patience);

    public static async Task<EslEvent> NextEventAsync(this EslClient client) =>
        await client.Events.ReadAsync().AsTask().Within();
}
