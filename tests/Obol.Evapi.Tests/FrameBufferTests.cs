using System.Text;
using Xunit;

namespace Obol.Evapi.Tests;

public sealed class FrameBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(5000)]
    public void Complete_PayloadWritten_ReturnsNetstringFrame(int length)
    {
        var payload = new string('x', length);
        using var frame = new FrameBuffer(16);
        var bytes = Encoding.UTF8.GetBytes(payload);
        bytes.CopyTo(frame.GetSpan(bytes.Length));
        frame.Advance(bytes.Length);

        Assert.Equal($"{length}:{payload},", Encoding.UTF8.GetString(frame.Complete().Span));
    }

    [Fact]
    public void Complete_MessageWritten_FramesItsJson()
    {
        using var frame = new FrameBuffer();
        KamDlgListRequest.Instance.WriteJson(frame);

        Assert.Equal("24:{\"Event\":\"CGR_DLG_LIST\"},", Encoding.UTF8.GetString(frame.Complete().Span));
    }
}
