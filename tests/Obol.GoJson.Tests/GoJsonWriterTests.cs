using System.Buffers;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace Obol.GoJson.Tests;

public class GoJsonWriterTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("")]
    [InlineData("a<b>&c")]
    [InlineData("quote\" back\\slash\ttab\nnewline\u0001")]
    [InlineData("Müller €")]
    [InlineData("line\u2028sep")]
    [InlineData("lone \ud800 surrogate")]
    public void String_AnyText_MatchesTheGoSerializer(string text)
    {
        var written = Write((ref GoJsonWriter w) =>
        {
            w.StartObject();
            w.Name(text);
            w.String(text);
            w.EndObject();
        });

        var expected = JsonSerializer.Serialize(new Dictionary<string, string> { [text] = text }, GoJsonOptions.Default);
        Assert.Equal(expected, written);
    }

    [Fact]
    public void Write_NestedValues_SeparatesWithCommasOnly()
    {
        var written = Write((ref GoJsonWriter w) =>
        {
            w.StartObject();
            w.Name("A"u8);
            w.StartArray();
            w.Number(1L);
            w.Number(-2.50m);
            w.Number((decimal?)null);
            w.StartObject();
            w.EndObject();
            w.StartArray();
            w.EndArray();
            w.EndArray();
            w.Name("B"u8);
            w.Time(new LocalDateTime(2014, 8, 4, 13, 0, 0).PlusNanoseconds(500).WithOffset(Offset.FromHours(2)));
            w.Name("C"u8);
            w.Raw("{\"x\":1}"u8);
            w.EndObject();
        });

        Assert.Equal("{\"A\":[1,-2.5,null,{},[]],\"B\":\"2014-08-04T13:00:00.0000005+02:00\",\"C\":{\"x\":1}}", written);
    }

    [Fact]
    public void Write_MoreThanOneChunk_KeepsEveryByteInOrder()
    {
        var values = Enumerable.Range(0, 500).Select(i => new string('x', i % 37) + i).ToArray();
        var written = Write((ref GoJsonWriter w) =>
        {
            w.StartArray();
            foreach (var value in values)
            {
                w.String(value);
                w.String(value + "<");
            }
            w.EndArray();
        });

        Assert.Equal(JsonSerializer.Serialize(values.SelectMany(v => new[] { v, v + "<" }), GoJsonOptions.Default), written);
    }

    [Fact]
    public void Time_YearBeyondRfc3339_ThrowsAsGoDoes()
    {
        var error = Assert.Throws<JsonException>(() => Write((ref GoJsonWriter w) =>
            w.Time(new LocalDateTime(-5, 1, 1, 0, 0).WithOffset(Offset.Zero))));
        Assert.Contains("year outside of range", error.Message, StringComparison.Ordinal);
    }

    private delegate void WriteAction(ref GoJsonWriter writer);

    private static string Write(WriteAction write)
    {
        var output = new ArrayBufferWriter<byte>(16);
        var writer = new GoJsonWriter(output);
        write(ref writer);
        writer.Flush();
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
