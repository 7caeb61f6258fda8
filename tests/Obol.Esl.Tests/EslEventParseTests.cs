using Xunit;

namespace Obol.Esl.Tests;

public sealed class EslEventParseTests
{
    [Fact]
    public void Parse_BackgroundJobWithBody_ReadsBodyByItsContentLength()
    {
        const string text = "Event-Name: BACKGROUND_JOB\nJob-UUID: 7f4db78a-17d7-11dd-b7a0-db4edd065621\n"
            + "Job-Command: uuid_kill\nJob-Command-Arg: abc%20NORMAL_CLEARING\nContent-Length: 21\n\n-ERR No such channel!\n";

        var ev = EslEvent.Parse(text);

        Assert.Equal("BACKGROUND_JOB", ev.EventName);
        Assert.Equal("7f4db78a-17d7-11dd-b7a0-db4edd065621", ev.JobUuid);
        Assert.Equal("abc NORMAL_CLEARING", ev["Job-Command-Arg"]);
        Assert.Equal("-ERR No such channel!", ev.Body);
        Assert.Equal("21", ev["Content-Length"]);
    }

    [Fact]
    public void Parse_BodyLongerThanContentLength_KeepsOnlyTheDeclaredBytes()
    {
        var ev = EslEvent.Parse("Event-Name: BACKGROUND_JOB\nContent-Length: 3\n\n+OK and more");

        Assert.Equal("+OK", ev.Body);
    }

    [Fact]
    public void Parse_CustomEvent_ExposesSubclass()
    {
        var ev = EslEvent.Parse("Event-Name: CUSTOM\nEvent-Subclass: sofia%3A%3Aregister\n\n");

        Assert.Equal("CUSTOM", ev.EventName);
        Assert.Equal("sofia::register", ev.EventSubclass);
    }

    [Fact]
    public void Parse_LastOfDuplicateHeaders_Wins()
    {
        var ev = EslEvent.Parse("Event-Name: X\nHangup-Cause: FIRST\nHangup-Cause: SECOND\n\n");

        Assert.Equal("SECOND", ev["Hangup-Cause"]);
    }

    [Fact]
    public void Parse_EmptyValueAndValueWithoutSpace_AreReadExactly()
    {
        var ev = EslEvent.Parse("Event-Name: X\nvariable_empty: \nTight:value\nSpaced:  two\n\n");

        Assert.Equal("", ev.GetVariable("empty"));
        Assert.Equal("value", ev["Tight"]);
        Assert.Equal(" two", ev["Spaced"]);
    }

    [Fact]
    public void Parse_CrLfLines_AreAccepted()
    {
        var ev = EslEvent.Parse("Event-Name: HEARTBEAT\r\nUp-Time: 0%20years\r\n\r\n");

        Assert.Equal("HEARTBEAT", ev.EventName);
        Assert.Equal("0 years", ev["Up-Time"]);
    }

    [Fact]
    public void Parse_HeaderNames_AreCaseSensitive()
    {
        var ev = EslEvent.Parse("Event-Name: X\nunique-id: lower\nUnique-ID: upper\n\n");

        Assert.Equal("upper", ev.UniqueId);
        Assert.Equal("lower", ev["unique-id"]);
    }

    [Fact]
    public void Parse_LineWithoutColon_ThrowsNamingTheLine()
    {
        var ex = Assert.Throws<EslProtocolException>(() => EslEvent.Parse("Event-Name: X\nnot a header\n\n"));

        Assert.Contains("without a ':'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a header", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EventContentLengthBeyondTheFrame_Throws()
    {
        var ex = Assert.Throws<EslProtocolException>(() => EslEvent.Parse("Event-Name: X\nContent-Length: 50\n\nshort"));

        Assert.Contains("Content-Length 50", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NonNumericEventContentLength_Throws()
    {
        var ex = Assert.Throws<EslProtocolException>(() => EslEvent.Parse("Event-Name: X\nContent-Length: 1e3\n\nbody"));

        Assert.Contains("Invalid Content-Length '1e3'", ex.Message, StringComparison.Ordinal);
    }
}
