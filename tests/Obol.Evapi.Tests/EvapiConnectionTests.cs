using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Obol.Evapi.Testing;
using Obol.Primitives;
using Xunit;

namespace Obol.Evapi.Tests;

public sealed class EvapiConnectionTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static FakeCall Call(long hashId) => new()
    {
        HashEntry = 3250,
        HashId = hashId,
        OriginId = $"1-{hashId}@127.0.0.1",
        SetupTime = 1795632565,
        AnswerTime = 1795632565,
    };

    [Fact]
    public async Task ConnectAsync_FakeKamailio_ReportsRemoteAddressAsGoPrintsIt()
    {
        await using var kamailio = FakeKamailio.Start();

        await using var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);

        Assert.Equal($"127.0.0.1:{kamailio.Port}", connection.RemoteAddress);
        Assert.True(connection.IsOpen);
        Assert.Equal(1, kamailio.ConnectedAgents);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsIOException()
    {
        var kamailio = FakeKamailio.Start();
        var port = kamailio.Port;
        await kamailio.StopAsync();

        await Assert.ThrowsAsync<IOException>(() => EvapiConnection.ConnectAsync(FakeKamailio.Host, port, cancellationToken: Token));
    }

    [Fact]
    public async Task AuthRequest_HandlerReplies_KamailioGetsReplyForItsTransaction()
    {
        await using var kamailio = FakeKamailio.Start();
        await using var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        connection.Start(async (payload, ct) =>
        {
            var request = KamEvent.Parse(payload);
            var reply = KamReply.ForAuthRequest(request);
            reply.Attributes = "RequestType:*prepaid";
            reply.MaxUsage = KamReply.RoundMaxUsageSeconds(30_000_000_000);
            await connection.SendAsync(reply, ct);
        });
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);

        var (trIndex, trLabel) = await kamailio.SendAuthRequestAsync("1001", "1002", 1795632531, Token);
        var reply = await kamailio.ReceiveAuthReplyAsync(trIndex, Token).WaitAsync(s_timeout, Token);

        Assert.Equal(
            TestData.Text("kam56_auth_reply.json").Replace("12656", trIndex, StringComparison.Ordinal)
                .Replace("1138748234", trLabel, StringComparison.Ordinal),
            reply.Json);
    }

    [Fact]
    public async Task CallStart_HandlerDisconnects_KamailioGetsDisconnectForDialog()
    {
        await using var kamailio = FakeKamailio.Start();
        await using var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        connection.Start(async (payload, ct) =>
        {
            var start = KamEvent.Parse(payload);
            await connection.SendAsync(new KamSessionDisconnect(start.Get(KamFields.HashEntry)!, start.Get(KamFields.HashId)!,
                KamErrors.InsufficientCredit), ct);
        });
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);

        await kamailio.SendCallStartAsync(Call(10193), Token);
        var disconnect = await kamailio.ReceiveDisconnectAsync(Token).WaitAsync(s_timeout, Token);

        Assert.Equal("""{"Event":"CGR_SESSION_DISCONNECT","HashEntry":"3250","HashId":"10193","Reason":"INSUFFICIENT_CREDIT"}""", disconnect.Json);
    }

    [Fact]
    public async Task Start_ManyFramesSentSeparatelyAndTogether_HandlerSeesArrivalOrder()
    {
        await using var kamailio = FakeKamailio.Start();
        await using var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        var seen = new List<string>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Start(async (payload, ct) =>
        {
            var ev = KamEvent.Parse(payload);
            await Task.Yield();
            seen.Add(ev.Get(KamFields.HashId)!);
            if (seen.Count == 400)
            {
                all.SetResult();
            }
        });
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);

        for (var i = 0; i < 200; i++)
        {
            await kamailio.SendCallStartAsync(Call(i), Token);
        }
        var batch = new ArrayBufferWriter<byte>();
        for (var i = 200; i < 400; i++)
        {
            Netstring.Write(batch, Encoding.UTF8.GetBytes(KamailioTemplates.CallStart(Call(i))));
        }
        await kamailio.SendRawAsync(batch.WrittenMemory, Token);
        await all.Task.WaitAsync(s_timeout, Token);

        Assert.Equal(Enumerable.Range(0, 400).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), seen);
    }

    [Fact]
    public async Task Start_FrameArrivingByteByByte_HandlerGetsWholePayload()
    {
        await using var kamailio = FakeKamailio.Start();
        await using var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Start((payload, _) =>
        {
            received.SetResult(payload.ToArray());
            return ValueTask.CompletedTask;
        });
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);

        var frame = TestData.Bytes("kam56_raw_recv_call_a.bin")[..265];
        foreach (var b in frame)
        {
            await kamailio.SendRawAsync(new[] { b }, Token);
        }

        Assert.Equal(TestData.Utf8("kam56_auth_request.json"), await received.Task.WaitAsync(s_timeout, Token));
    }

    [Fact]
    public async Task SendAsync_ConcurrentSenders_EveryFrameArrivesWhole()
    {
        await using var kamailio = FakeKamailio.Start();
        await using var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
            await connection.SendAsync(new KamSessionDisconnect("1", i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new string('r', i * 37)), Token))));

        var hashIds = new HashSet<string>();
        for (var i = 0; i < 300; i++)
        {
            var message = await kamailio.ReceiveAsync(cancellationToken: Token).WaitAsync(s_timeout, Token);
            var hashId = message.GetString("HashId")!;
            Assert.Equal(new string('r', int.Parse(hashId, System.Globalization.CultureInfo.InvariantCulture) * 37), message.GetString("Reason"));
            hashIds.Add(hashId);
        }
        Assert.Equal(300, hashIds.Count);
    }

    [Fact]
    public async Task SendAsync_WhileHandlerIsBlocked_StillReachesKamailio()
    {
        await using var kamailio = FakeKamailio.Start();
        await using var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Start(async (_, _) =>
        {
            entered.TrySetResult();
            await gate.Task;
        });
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);
        await kamailio.SendCallStartAsync(Call(1), Token);
        await entered.Task.WaitAsync(s_timeout, Token);

        await connection.SendAsync(KamDlgListRequest.Instance, Token).AsTask().WaitAsync(s_timeout, Token);
        await WaitUntilAsync(() => kamailio.DialogListRequests == 1);

        gate.SetResult();
        Assert.True(connection.IsOpen);
    }

    [Fact]
    public async Task DlgListRequest_KamailioAnswers_HandlerReadsSessionIds()
    {
        await using var kamailio = FakeKamailio.Start();
        kamailio.SetDialogs([Call(2482).ToDialog(), Call(2483).ToDialog()]);
        await using var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        var sessions = new TaskCompletionSource<IReadOnlyList<KamSessionId>>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Start((payload, _) =>
        {
            if (KamEventMatcher.Match(payload).HasFlag(KamEventKinds.DlgList))
            {
                sessions.SetResult(KamDlgListReply.Parse(payload).ToSessionIds(connection.RemoteAddress));
            }
            return ValueTask.CompletedTask;
        });
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);

        await connection.SendAsync(KamDlgListRequest.Instance, Token);

        Assert.Equal(
            [new KamSessionId(connection.RemoteAddress, "1-2482@127.0.0.1"), new KamSessionId(connection.RemoteAddress, "1-2483@127.0.0.1")],
            await sessions.Task.WaitAsync(s_timeout, Token));
        Assert.Equal(1, kamailio.DialogListRequests);
    }

    [Fact]
    public async Task Closed_KamailioStops_CompletesWithRemoteClosedAndSendsFail()
    {
        var kamailio = FakeKamailio.Start();
        await using var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        connection.Start((_, _) => ValueTask.CompletedTask);
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);

        await kamailio.StopAsync();
        var closed = await connection.Closed.WaitAsync(s_timeout, Token);

        Assert.Equal(EvapiCloseReason.RemoteClosed, closed.Reason);
        Assert.False(connection.IsOpen);
        await Assert.ThrowsAsync<IOException>(() => connection.SendAsync(KamDlgListRequest.Instance, Token).AsTask());
    }

    [Fact]
    public async Task Closed_MalformedFrame_CompletesWithProtocolError()
    {
        await using var kamailio = FakeKamailio.Start();
        await using var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        connection.Start((_, _) => ValueTask.CompletedTask);
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);

        await kamailio.SendRawAsync("12:{\"event\":\"x\"}"u8.ToArray(), Token);
        var closed = await connection.Closed.WaitAsync(s_timeout, Token);

        Assert.Equal(EvapiCloseReason.ProtocolError, closed.Reason);
        Assert.Contains("where ',' must follow", closed.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_KamailioClosesInsideFrame_CompletesWithProtocolError()
    {
        await using var kamailio = FakeKamailio.Start();
        await using var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        connection.Start((_, _) => ValueTask.CompletedTask);
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);

        await kamailio.SendRawAsync("260:{\"event\""u8.ToArray(), Token);
        await kamailio.DisconnectAgentsAsync();
        var closed = await connection.Closed.WaitAsync(s_timeout, Token);

        Assert.Equal(EvapiCloseReason.ProtocolError, closed.Reason);
    }

    [Fact]
    public async Task Closed_HandlerThrows_CompletesWithHandlerFailed()
    {
        await using var kamailio = FakeKamailio.Start();
        await using var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        connection.Start((payload, _) =>
        {
            KamEvent.Parse(payload);
            return ValueTask.CompletedTask;
        });
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);

        await kamailio.SendAsync("""{"event":"CGR_AUTH_REQUEST","Account":"10"01"}""", Token);
        var closed = await connection.Closed.WaitAsync(s_timeout, Token);

        Assert.Equal(EvapiCloseReason.HandlerFailed, closed.Reason);
        Assert.IsType<EvapiProtocolException>(closed.Error);
    }

    [Fact]
    public async Task Start_HandlerErrorCallback_ReportsAndKeepsReading()
    {
        await using var kamailio = FakeKamailio.Start();
        var errors = new ConcurrentQueue<Exception>();
        var options = new EvapiConnectionOptions { HandlerError = errors.Enqueue };
        await using var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, options, Token);
        var parsed = new TaskCompletionSource<KamEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Start((payload, _) =>
        {
            parsed.SetResult(KamEvent.Parse(payload));
            return ValueTask.CompletedTask;
        });
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);

        await kamailio.SendAsync("""{"event":"CGR_AUTH_REQUEST","Account":"10"01"}""", Token);
        await kamailio.SendCallEndAsync(Call(7), 5, Token);

        Assert.Equal("5", (await parsed.Task.WaitAsync(s_timeout, Token)).Get(KamFields.Usage));
        Assert.IsType<EvapiProtocolException>(Assert.Single(errors));
        Assert.True(connection.IsOpen);
    }

    [Fact]
    public async Task DisposeAsync_HandlerWaiting_CancelsItAndCompletesWithDisposed()
    {
        await using var kamailio = FakeKamailio.Start();
        var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Start(async (_, ct) =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);
        await kamailio.SendCallEndAsync(Call(1), 1, Token);
        await entered.Task.WaitAsync(s_timeout, Token);

        await connection.DisposeAsync().AsTask().WaitAsync(s_timeout, Token);

        Assert.Equal(new EvapiCloseInfo(EvapiCloseReason.Disposed, null), await connection.Closed);
        await Assert.ThrowsAsync<IOException>(() => connection.SendAsync("{}"u8.ToArray(), Token).AsTask());
    }

    [Fact]
    public async Task Start_CalledTwice_Throws()
    {
        await using var kamailio = FakeKamailio.Start();
        await using var connection = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        connection.Start((_, _) => ValueTask.CompletedTask);

        Assert.Throws<InvalidOperationException>(() => connection.Start((_, _) => ValueTask.CompletedTask));
    }

    [Fact]
    public async Task ConnectAsync_KamailioRestartsOnSamePort_ReconnectsWithBackoff()
    {
        await using var kamailio = FakeKamailio.Start();
        var first = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
        first.Start((_, _) => ValueTask.CompletedTask);
        await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);

        await kamailio.StopAsync();
        Assert.Equal(EvapiCloseReason.RemoteClosed, (await first.Closed.WaitAsync(s_timeout, Token)).Reason);
        await first.DisposeAsync();

        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50));
        var attempts = 0;
        EvapiConnection? second = null;
        while (second is null)
        {
            try
            {
                second = await EvapiConnection.ConnectAsync(FakeKamailio.Host, kamailio.Port, cancellationToken: Token);
            }
            catch (IOException)
            {
                if (++attempts == 3)
                {
                    kamailio.Restart();
                }
                await Task.Delay(backoff.Next(), Token);
            }
        }
        await using (second)
        {
            var received = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            second.Start((payload, _) =>
            {
                received.SetResult(KamEvent.Parse(payload).Name);
                return ValueTask.CompletedTask;
            });
            await kamailio.WaitForAgentAsync(Token).WaitAsync(s_timeout, Token);
            await kamailio.SendCallStartAsync(Call(1), Token);

            Assert.Equal(KamEventNames.CallStart, await received.Task.WaitAsync(s_timeout, Token));
            Assert.True(attempts >= 3);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(5, Token);
        }
    }
}
