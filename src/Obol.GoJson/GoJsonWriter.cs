using System.Buffers;
using System.Text;
using System.Text.Json;
using NodaTime;
using Obol.Primitives;

namespace Obol.GoJson;

/// <summary>
/// A forward-only JSON writer for replies with a fixed shape, byte for byte as Go's encoding/json writes them: strings
/// escaped by <see cref="GoJsonEncoder"/>, decimals as Go floats, times as RFC 3339. Unlike <see cref="Utf8JsonWriter"/>
/// it keeps no nesting state and checks nothing: the caller's code is the schema, so every token is a bounds check and a copy.
/// </summary>
/// <remarks>Call <see cref="Flush"/> at the end: bytes are committed to the output only then, or when more room is needed.</remarks>
public ref struct GoJsonWriter
{
    private const int ChunkBytes = 1024;
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _pos;
    private bool _afterValue;

    public GoJsonWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = output.GetSpan(ChunkBytes);
    }

    public void StartObject()
    {
        Separator(1);
        _span[_pos++] = (byte)'{';
        _afterValue = false;
    }

    public void EndObject() => End((byte)'}');

    public void StartArray()
    {
        Separator(1);
        _span[_pos++] = (byte)'[';
        _afterValue = false;
    }

    public void EndArray() => End((byte)']');

    /// <summary>A property name that needs no escaping (an ASCII field name written in code).</summary>
    public void Name(ReadOnlySpan<byte> plainName)
    {
        Separator(plainName.Length + 3);
        _span[_pos++] = (byte)'"';
        plainName.CopyTo(_span[_pos..]);
        _pos += plainName.Length;
        _span[_pos++] = (byte)'"';
        _span[_pos++] = (byte)':';
        _afterValue = false;
    }

    /// <summary>A property name from data (a map key), escaped as Go escapes it.</summary>
    public void Name(string name)
    {
        String(name);
        Ensure(1);
        _span[_pos++] = (byte)':';
        _afterValue = false;
    }

    public void String(string? value)
    {
        value ??= "";
        if (!GoJsonEncoder.IsPlainAscii(value))
        {
            Escaped(value);
            return;
        }
        Separator(value.Length + 2);
        _span[_pos++] = (byte)'"';
        _pos += Encoding.ASCII.GetBytes(value, _span[_pos..]);
        _span[_pos++] = (byte)'"';
        _afterValue = true;
    }

    public void Number(long value)
    {
        Separator(20);
        value.TryFormat(_span[_pos..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _pos += written;
        _afterValue = true;
    }

    /// <summary>The decimal as Go writes the float64 of the same value (<see cref="GoFloat"/>).</summary>
    public void Number(decimal value)
    {
        Span<char> text = stackalloc char[GoFloat.MaxLength];
        var length = GoFloat.Format(value, text);
        Separator(length);
        _pos += Encoding.ASCII.GetBytes(text[..length], _span[_pos..]);
        _afterValue = true;
    }

    public void Number(decimal? value)
    {
        if (value is { } v)
        {
            Number(v);
        }
        else
        {
            Null();
        }
    }

    /// <summary>Go's <c>time.Time</c> JSON: RFC 3339 with nanoseconds.</summary>
    public void Time(OffsetDateTime value)
    {
        GoJsonTimes.EnsureMarshallable(value);
        Span<char> text = stackalloc char[GoJsonTimes.MaxRfc3339Length];
        var length = GoJsonTimes.FormatRfc3339Nano(value, text);
        Separator(length + 2);
        _span[_pos++] = (byte)'"';
        _pos += Encoding.ASCII.GetBytes(text[..length], _span[_pos..]);
        _span[_pos++] = (byte)'"';
        _afterValue = true;
    }

    public void Null() => Raw("null"u8);

    public void Bool(bool value) => Raw(value ? "true"u8 : "false"u8);

    /// <summary>A value already written as JSON.</summary>
    public void Raw(ReadOnlySpan<byte> json)
    {
        Separator(json.Length);
        json.CopyTo(_span[_pos..]);
        _pos += json.Length;
        _afterValue = true;
    }

    public void Flush()
    {
        _output.Advance(_pos);
        _span = default;
        _pos = 0;
    }

    private void End(byte close)
    {
        Ensure(1);
        _span[_pos++] = close;
        _afterValue = true;
    }

    // The comma before a value or name that follows another, and room for what comes after it.
    private void Separator(int bytes)
    {
        Ensure(bytes + 1);
        if (_afterValue)
        {
            _span[_pos++] = (byte)',';
        }
    }

    private void Ensure(int bytes)
    {
        if (_span.Length - _pos >= bytes)
        {
            return;
        }
        _output.Advance(_pos);
        _span = _output.GetSpan(Math.Max(bytes, ChunkBytes));
        _pos = 0;
    }

    // Non-ASCII or characters to escape: rare in replies, so the framework writer does it, with the Go encoder.
    private void Escaped(string value)
    {
        Separator(0);
        Flush();
        var writer = t_escaper ??= new Utf8JsonWriter(Stream.Null, new JsonWriterOptions { Encoder = GoJsonEncoder.Instance, SkipValidation = true });
        writer.Reset(_output);
        try
        {
            writer.WriteStringValue(value);
            writer.Flush();
        }
        finally
        {
            writer.Reset(Stream.Null);
        }
        _span = _output.GetSpan(ChunkBytes);
        _afterValue = true;
    }

    [ThreadStatic]
    private static Utf8JsonWriter? t_escaper;
}
