using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Obol.Evapi;

namespace Obol.Benchmarks.Evapi;

/// <summary>
/// The evapi codec on the per-call path: reading the netstring-framed CGR_AUTH_REQUEST Kamailio 5.6 sends (bytes of
/// the e2e capture, call A) into a <see cref="KamEvent"/>, and writing the framed CGR_SESSIONAUTH_REPLY back.
/// </summary>
[MemoryDiagnoser]
public class EvapiBenchmarks
{
    private const string AuthRequest = "{\"event\":\"CGR_AUTH_REQUEST\",\n\t\t\"tr_index\":\"12656\",\n\t\t\"tr_label\":\"1138748234\",\n\t\t" +
        "\"cgr_flags\":\"*attributes;*accounts;*routes;*resources;*thresholds\",\n\t\t\"reply_route\":\"CGR_SESSIONAUTH_REPLY\",\n\t\t" +
        "\"Account\":\"1001\",\n\t\t\"Destination\":\"1002\",\n\t\t\"SetupTime\":\"1795632531\"}";

    private readonly ArrayBufferWriter<byte> _json = new(512);
    private readonly ArrayBufferWriter<byte> _frame = new(512);
    private byte[] _authRequestFrame = [];
    private KamEvent _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var writer = new ArrayBufferWriter<byte>();
        Netstring.Write(writer, Encoding.UTF8.GetBytes(AuthRequest));
        _authRequestFrame = writer.WrittenSpan.ToArray();
        _request = KamEvent.Parse(AuthRequest);
    }

    [Benchmark]
    public KamEvent ParseFramedAuthRequest()
    {
        var buffer = new ReadOnlySequence<byte>(_authRequestFrame);
        Netstring.TryRead(ref buffer, out var payload);
        return KamEvent.Parse(payload);
    }

    [Benchmark]
    public int WriteFramedAuthReply()
    {
        var reply = KamReply.ForAuthRequest(_request);
        reply.Attributes = "RequestType:*prepaid";
        reply.MaxUsage = KamReply.RoundMaxUsageSeconds(30_000_000_000);
        _json.ResetWrittenCount();
        reply.WriteJson(_json);
        _frame.ResetWrittenCount();
        Netstring.Write(_frame, _json.WrittenSpan);
        return _frame.WrittenCount;
    }
}
