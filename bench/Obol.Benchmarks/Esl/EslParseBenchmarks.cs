using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Obol.Esl;

namespace Obol.Benchmarks.Esl;

/// <summary>
/// The FreeSWITCH agent's hot path on every call: cutting a CHANNEL_PARK <c>text/event-plain</c> frame out of the socket
/// bytes and decoding its ~100 URL-encoded headers into an <see cref="EslEvent"/>.
/// </summary>
[MemoryDiagnoser]
public class EslParseBenchmarks
{
    private ReadOnlySequence<byte> _frame;
    private ReadOnlySequence<byte> _segmentedFrame;
    private byte[] _eventBody = [];

    [GlobalSetup]
    public void Setup()
    {
        var body = ChannelParkCapture.Body + "\n\n";
        _eventBody = Encoding.UTF8.GetBytes(body);
        var frame = Encoding.UTF8.GetBytes(
            $"Content-Length: {_eventBody.Length}\nContent-Type: text/event-plain\n\n{body}");
        _frame = new ReadOnlySequence<byte>(frame);
        _segmentedFrame = Segments(frame, 1460);
    }

    [Benchmark(Baseline = true)]
    public string? ParseFrameAndEvent() => EslEvent.Parse(Parse(_frame).Body.Span).UniqueId;

    /// <summary>The same frame as it arrives from the socket: in TCP-segment-sized pieces.</summary>
    [Benchmark]
    public string? ParseSegmentedFrameAndEvent() => EslEvent.Parse(Parse(_segmentedFrame).Body.Span).UniqueId;

    [Benchmark]
    public int ParseFrameOnly() => Parse(_frame).Body.Length;

    [Benchmark]
    public string? ParseEventAndReadVariable() => EslEvent.Parse(_eventBody).GetVariable("sip_req_user");

    private static EslFrame Parse(ReadOnlySequence<byte> bytes) =>
        EslFrameParser.TryParse(ref bytes, out var frame) ? frame : throw new InvalidOperationException("Incomplete frame.");

    private static ReadOnlySequence<byte> Segments(byte[] data, int size)
    {
        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < data.Length; offset += size)
        {
            var next = new Segment(data.AsMemory(offset, Math.Min(size, data.Length - offset)), last);
            first ??= next;
            last = next;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
