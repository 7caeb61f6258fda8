using Xunit;

namespace Obol.Esl.Tests;

public sealed class EslClientDisconnectTests
{
    [Fact]
    public async Task DropConnections_PendingCalls_FailWithIOException()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);
        await client.SubscribeAsync(["BACKGROUND_JOB"]);
        var disconnected = new TaskCompletionSource<EslDisconnectedEventArgs>();
        client.Disconnected += (_, e) => disconnected.TrySetResult(e);
        fake.BgApiHandler = _ => new TaskCompletionSource<string>().Task;
        var job = await client.BgApiAsync("originate never");
        fake.HoldReplies();

        var calls = Enumerable.Range(0, 5).Select(i => client.ApiAsync($"echo {i}")).ToArray();
        await fake.WaitForCommandsAsync(5, c => c.Verb == "api");
        fake.DropConnections();

        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<IOException>(() => call.Within());
        }
        await Assert.ThrowsAsync<IOException>(() => job.Result.Within());
        Assert.IsType<IOException>(await client.Completion.Within(), exactMatch: false);
        Assert.IsType<IOException>((await disconnected.Task.Within()).Reason, exactMatch: false);
        Assert.False(client.IsConnected);
        await Assert.ThrowsAsync<IOException>(() => client.ApiAsync("status"));
        Assert.False(await client.Events.WaitToReadAsync().AsTask().Within());
    }

    [Fact]
    public async Task StopAsync_DisconnectNotice_IsNamedInTheReason()
    {
        var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        await fake.StopAsync();

        var reason = Assert.IsType<IOException>(await client.Completion.Within());
        Assert.Contains("Disconnected, goodbye.", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedFrame_DropsTheConnectionWithProtocolException()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);
        fake.HoldReplies();
        var pending = client.ApiAsync("status");
        await fake.WaitForCommandsAsync(1, c => c.Verb == "api");

        await fake.SendRawAsync("Content-Type: api/response\nContent-Length: twelve\n\n");

        var reason = Assert.IsType<EslProtocolException>(await client.Completion.Within());
        Assert.Contains("Invalid Content-Length 'twelve'", reason.Message, StringComparison.Ordinal);
        var failed = await Assert.ThrowsAsync<IOException>(() => pending.Within());
        Assert.Same(reason, failed.InnerException);
    }

    [Fact]
    public async Task UnsolicitedReply_DropsTheConnection()
    {
        await using var fake = EslTestHarness.StartFake();
        await using var client = await EslTestHarness.ConnectAsync(fake);

        await fake.SendRawAsync("Content-Type: command/reply\nReply-Text: +OK\n\n");

        var reason = Assert.IsType<EslProtocolException>(await client.Completion.Within());
        Assert.Contains("no command was waiting", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiAsync_ReplyTimeout_LateReplyIsDiscardedAndNextCallGetsItsOwn()
    {
        await using var fake = EslTestHarness.StartFake();
        fake.ApiHandler = command => $"reply to {command}\n";
        await using var client = await EslTestHarness.ConnectAsync(fake, new EslClientOptions { ReplyTimeout = TimeSpan.FromMilliseconds(200) });
        fake.HoldReplies();

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.ApiAsync("first"));
        fake.ReleaseReplies();

        Assert.Contains("'api first'", ex.Message, StringComparison.Ordinal);
        Assert.Equal("reply to second\n", await client.ApiAsync("second"));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task ApiAsync_CallerCancels_NextCallGetsItsOwnReply()
    {
        await using var fake = EslTestHarness.StartFake();
        fake.ApiHandler = command => $"reply to {command}\n";
        await using var client = await EslTestHarness.ConnectAsync(fake);
        fake.HoldReplies();
        using var cancel = new CancellationTokenSource();

        var first = client.ApiAsync("first", cancel.Token);
        await fake.WaitForCommandsAsync(1, c => c.Verb == "api");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        fake.ReleaseReplies();

        Assert.Equal("reply to second\n", await client.ApiAsync("second"));
    }

    [Fact]
    public async Task DisposeAsync_PendingCall_FailsWithIOExceptionAndNullReason()
    {
        await using var fake = EslTestHarness.StartFake();
        var client = await EslTestHarness.ConnectAsync(fake);
        fake.HoldReplies();
        var pending = client.ApiAsync("status");
        await fake.WaitForCommandsAsync(1, c => c.Verb == "api");

        await client.DisposeAsync();

        await Assert.ThrowsAsync<IOException>(() => pending.Within());
        Assert.Null(await client.Completion.Within());
    }

    [Fact]
    public async Task Disconnected_HandlerDisposesTheClient_DoesNotDeadlock()
    {
        await using var fake = EslTestHarness.StartFake();
        var client = await EslTestHarness.ConnectAsync(fake);
        var disposed = new TaskCompletionSource();
        client.Disconnected += async (_, _) =>
        {
            await client.DisposeAsync();
            disposed.SetResult();
        };

        fake.DropConnections();

        await disposed.Task.Within();
    }

    [Fact]
    public async Task Reconnect_FakeRestartedOnSamePort_NewClientWorks()
    {
        await using var fake = EslTestHarness.StartFake();
        var port = fake.Port;
        var first = await EslTestHarness.ConnectAsync(fake);
        await fake.StopAsync();
        await first.Completion.Within();
        await first.DisposeAsync();
        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => EslTestHarness.ConnectAsync(fake));

        fake.Start();
        var policy = new EslReconnectPolicy(maxAttempts: 5, unit: TimeSpan.FromMilliseconds(10));
        EslClient? second = null;
        for (var attempt = 1; second is null && policy.TryGetDelay(attempt, out var delay); attempt++)
        {
            await Task.Delay(delay);
            second = await EslTestHarness.ConnectAsync(fake);
        }
        await using var reconnected = second!;

        Assert.Equal(port, fake.Port);
        Assert.Equal("+OK\n", await reconnected.ApiAsync("status"));
        Assert.Equal(2, fake.Commands.Count(c => c.Line == "auth ClueCon"));
    }
}
