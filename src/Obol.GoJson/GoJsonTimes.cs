using System.Text.Json;
using NodaTime;

namespace Obol.GoJson;

/// <summary>Go <c>time.Time</c> text: RFC 3339 with nanoseconds, and Go's zero time.</summary>
public static class GoJsonTimes
{
    /// <summary>Go's zero <c>time.Time</c>, January 1, year 1, 00:00:00 UTC. CGRateS uses it for "not set".</summary>
    public static readonly Instant ZeroInstant = Instant.FromUtc(1, 1, 1, 0, 0);

    /// <summary><see cref="ZeroInstant"/> at offset zero.</summary>
    public static readonly OffsetDateTime ZeroOffsetDateTime = ZeroInstant.WithOffset(Offset.Zero);

    /// <summary>Go's <c>t.Format(time.RFC3339Nano)</c> for a UTC time: <c>2014-08-04T13:00:00.5Z</c>.</summary>
    public static string FormatRfc3339Nano(Instant value) => FormatRfc3339Nano(value.WithOffset(Offset.Zero));

    /// <summary>
    /// Go's <c>t.Format(time.RFC3339Nano)</c>: trailing zeros of the fraction trimmed, <c>Z</c> for a zero offset,
    /// and the offset truncated to whole minutes.
    /// </summary>
    public static string FormatRfc3339Nano(OffsetDateTime value)
    {
        Span<char> buffer = stackalloc char[MaxRfc3339Length];
        return new string(buffer[..FormatRfc3339Nano(value, buffer)]);
    }

    /// <summary>The longest <see cref="FormatRfc3339Nano(OffsetDateTime, Span{char})"/> text.</summary>
    public const int MaxRfc3339Length = 40;

    /// <summary>Writes <see cref="FormatRfc3339Nano(OffsetDateTime)"/>'s text into <paramref name="buffer"/> (at least
    /// <see cref="MaxRfc3339Length"/> long) and returns its length.</summary>
    public static int FormatRfc3339Nano(OffsetDateTime value, Span<char> buffer)
    {
        var n = 0;
        var year = value.Year;
        if (year < 0)
        {
            buffer[n++] = '-';
            year = -year;
        }
        n += WriteDigits(buffer[n..], year, 4);
        buffer[n++] = '-';
        n += WriteDigits(buffer[n..], value.Month, 2);
        buffer[n++] = '-';
        n += WriteDigits(buffer[n..], value.Day, 2);
        buffer[n++] = 'T';
        n += WriteDigits(buffer[n..], value.Hour, 2);
        buffer[n++] = ':';
        n += WriteDigits(buffer[n..], value.Minute, 2);
        buffer[n++] = ':';
        n += WriteDigits(buffer[n..], value.Second, 2);
        var nanoseconds = value.NanosecondOfSecond;
        if (nanoseconds != 0)
        {
            buffer[n++] = '.';
            var digits = 9;
            while (nanoseconds % 10 == 0)
            {
                nanoseconds /= 10;
                digits--;
            }
            n += WriteDigits(buffer[n..], nanoseconds, digits);
        }
        var offsetSeconds = value.Offset.Seconds;
        if (offsetSeconds == 0)
        {
            buffer[n++] = 'Z';
        }
        else
        {
            // Go divides with truncation, so an offset of -30s prints as +00:00.
            var minutes = offsetSeconds / 60;
            buffer[n++] = minutes < 0 ? '-' : '+';
            minutes = Math.Abs(minutes);
            n += WriteDigits(buffer[n..], minutes / 60, 2);
            buffer[n++] = ':';
            n += WriteDigits(buffer[n..], minutes % 60, 2);
        }
        return n;
    }

    /// <summary>
    /// Parses RFC 3339 as Go's <c>Time.UnmarshalJSON</c> does: <c>2006-01-02T15:04:05</c>, an optional fraction of
    /// any length (digits past nanoseconds are truncated), then <c>Z</c> or <c>±hh:mm</c>.
    /// </summary>
    public static bool TryParseRfc3339(ReadOnlySpan<char> text, out OffsetDateTime value)
    {
        value = ZeroOffsetDateTime;
        if (text.Length < 20
            || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !TryReadNumber(text[0..4], 0, 9999, out var year)
            || !TryReadNumber(text[5..7], 1, 12, out var month)
            || !TryReadNumber(text[8..10], 1, CalendarSystem.Iso.GetDaysInMonth(year, month), out var day)
            || !TryReadNumber(text[11..13], 0, 23, out var hour)
            || !TryReadNumber(text[14..16], 0, 59, out var minute)
            || !TryReadNumber(text[17..19], 0, 59, out var second))
        {
            return false;
        }
        text = text[19..];
        var nanoseconds = 0;
        // Go's fallback parser also takes a comma before the fraction.
        if (text.Length >= 2 && (text[0] is '.' or ',') && char.IsAsciiDigit(text[1]))
        {
            var end = 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
            for (var i = 1; i <= 9; i++)
            {
                nanoseconds = (nanoseconds * 10) + (i < end ? text[i] - '0' : 0);
            }
            text = text[end..];
        }
        int offsetSeconds;
        if (text is "Z")
        {
            offsetSeconds = 0;
        }
        else if (text.Length == 6 && (text[0] is '+' or '-') && text[3] == ':'
            && TryReadNumber(text[1..3], 0, 23, out var offsetHours)
            && TryReadNumber(text[4..6], 0, 59, out var offsetMinutes))
        {
            offsetSeconds = ((offsetHours * 60) + offsetMinutes) * 60 * (text[0] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }
        // Go allows offsets up to ±23:59; NodaTime stops at ±18:00, beyond which there is nothing to represent them with.
        if (Math.Abs(offsetSeconds) > Offset.MaxValue.Seconds)
        {
            return false;
        }
        value = new LocalDateTime(year, month, day, hour, minute, second)
            .PlusNanoseconds(nanoseconds)
            .WithOffset(Offset.FromSeconds(offsetSeconds));
        return true;
    }

    internal static OffsetDateTime Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                // Go's Time.UnmarshalJSON ignores null, which leaves a new value at the zero time.
                return ZeroOffsetDateTime;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (TryParseRfc3339(text, out OffsetDateTime value))
                {
                    return value;
                }
                throw new JsonException($"parsing time \"{text}\" as RFC 3339 failed");
            default:
                throw new JsonException("Time.UnmarshalJSON: input is not a JSON string");
        }
    }

    /// <summary>Writes the value as a JSON string in Go's RFC 3339 form.</summary>
    public static void Write(Utf8JsonWriter writer, OffsetDateTime value)
    {
        EnsureMarshallable(value);
        writer.WriteStringValue(FormatRfc3339Nano(value));
    }

    /// <summary>CGRateS parity: Go's Time.MarshalJSON fails rather than print a year RFC 3339 cannot hold.</summary>
    public static void EnsureMarshallable(OffsetDateTime value)
    {
        if (value.Year is < 0 or > 9999)
        {
            throw new JsonException("Time.MarshalJSON: year outside of range [0,9999]");
        }
    }

    private static bool TryReadNumber(ReadOnlySpan<char> text, int min, int max, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return value >= min && value <= max;
    }

    private static int WriteDigits(Span<char> destination, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
        return width;
    }
}
