using System.Buffers;
using System.Text;
using Xunit;

namespace Obol.Evapi.Tests;

public sealed class NetstringTests
{
    private static byte[] Frame(string payload) => Encoding.UTF8.GetBytes($"{Encoding.UTF8.GetByteCount(payload)}:{payload},");

    [Fact]
    public void TryRead_CapturedAuthRequestFrame_ReturnsPayloadAndConsumesFrame()
    {
        var raw = TestData.Bytes("kam56_raw_recv_call_a.bin");
        var buffer = new ReadOnlySequence<byte>(raw);

        Assert.True(Netstring.TryRead(ref buffer, out var payload));

        Assert.Equal(TestData.Utf8("kam56_auth_request.json"), payload.ToArray());
        Assert.Equal(raw.Length - 265, buffer.Length);
    }

    [Fact]
    public void TryRead_SeveralFramesInOneRead_ReturnsThemInOrder()
    {
        var buffer = new ReadOnlySequence<byte>(TestData.Bytes("kam56_raw_recv_call_a.bin"));
        var payloads = new List<byte[]>();

        while (Netstring.TryRead(ref buffer, out var payload))
        {
            payloads.Add(payload.ToArray());
        }

        Assert.True(buffer.IsEmpty);
        Assert.Equal(
            [TestData.Utf8("kam56_auth_request.json"), TestData.Utf8("kam56_call_start.json"), TestData.Utf8("kam56_call_end.json")],
            payloads);
    }

    [Fact]
    public void TryRead_FrameCutAtEveryByte_WaitsUntilComplete()
    {
        var frame = Frame(TestData.Text("kam56_call_start.json"));
        for (var cut = 0; cut < frame.Length; cut++)
        {
            var partial = new ReadOnlySequence<byte>(frame, 0, cut);

            Assert.False(Netstring.TryRead(ref partial, out _));
            Assert.Equal(cut, partial.Length);
        }
    }

    [Fact]
    public void TryRead_FrameSplitOverSegmentsAtEveryByte_ReturnsWholePayload()
    {
        var frame = Frame(TestData.Text("kam56_call_end.json"));
        for (var cut = 1; cut < frame.Length; cut++)
        {
            var buffer = SequenceSegments.Split(frame, cut);

            Assert.True(Netstring.TryRead(ref buffer, out var payload), $"cut at {cut}");
            Assert.Equal(TestData.Utf8("kam56_call_end.json"), payload.ToArray());
            Assert.True(buffer.IsEmpty);
        }
    }

    [Fact]
    public void TryRead_HeaderSplitInThreeSegments_ReturnsPayload()
    {
        var buffer = SequenceSegments.Split("11:{\"a\":\"bcd\"},3:"u8.ToArray(), 1, 2);

        Assert.True(Netstring.TryRead(ref buffer, out var payload));
        Assert.Equal("{\"a\":\"bcd\"}", Encoding.UTF8.GetString(payload));
        Assert.False(Netstring.TryRead(ref buffer, out _));
        Assert.Equal(2, buffer.Length);
    }

    [Fact]
    public void TryRead_EmptyPayload_ReturnsEmpty()
    {
        var buffer = new ReadOnlySequence<byte>("0:,"u8.ToArray());

        Assert.True(Netstring.TryRead(ref buffer, out var payload));
        Assert.True(payload.IsEmpty);
    }

    [Theory]
    [InlineData("x5:hello,", "starts with byte 0x78")]
    [InlineData("\n5:hello,", "starts with byte 0x0a")]
    [InlineData("5x:hello,", "contains byte 0x78")]
    [InlineData(":hello,", "no length")]
    [InlineData("5:hello;", "ends with byte 0x3b")]
    [InlineData("5:helloo,", "ends with byte 0x6f")]
    [InlineData("1048577:", "exceeds")]
    [InlineData("9999999", "exceeds")]
    [InlineData("00000001:", "more than 7 digits")]
    public void TryRead_MalformedFrame_ThrowsNamingTheProblem(string bytes, string problem)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(bytes));

        var error = Assert.Throws<EvapiProtocolException>(() => Netstring.TryRead(ref buffer, out _));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_LengthAtLimit_WaitsForPayload()
    {
        var buffer = new ReadOnlySequence<byte>("1048576:{"u8.ToArray());

        Assert.False(Netstring.TryRead(ref buffer, out _));
    }

    [Fact]
    public void Write_Payload_ProducesCapturedFrameBytes()
    {
        var writer = new ArrayBufferWriter<byte>();

        Netstring.Write(writer, TestData.Utf8("kam56_auth_request.json"));

        Assert.Equal(TestData.Bytes("kam56_raw_recv_call_a.bin")[..265], writer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(9, 12)]
    [InlineData(10, 14)]
    [InlineData(221, 226)]
    [InlineData(Netstring.MaxPayloadLength, Netstring.MaxPayloadLength + 9)]
    public void GetFrameLength_PayloadLength_CountsHeaderAndComma(int payloadLength, int expected)
    {
        Assert.Equal(expected, Netstring.GetFrameLength(payloadLength));
    }

    [Fact]
    public void Write_PayloadOverLimit_Throws()
    {
        var writer = new ArrayBufferWriter<byte>();

        Assert.Throws<ArgumentOutOfRangeException>(() => Netstring.Write(writer, new byte[Netstring.MaxPayloadLength + 1]));
    }
}
