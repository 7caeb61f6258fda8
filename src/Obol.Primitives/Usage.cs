using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Obol.Primitives;

/// <summary>
/// A quantity of usage in int64 nanoseconds, the way CGRateS carries every usage in a Go <c>time.Duration</c>:
/// voice usage is time, but data bytes, SMS counts and generic units ride the same type (<c>2048</c> = 2048 ns).
/// <see cref="Unlimited"/> (-1) is the <c>*unlimited</c> marker of the tariff-plan CSVs.
/// </summary>
public readonly record struct Usage(long Nanoseconds) : IComparable<Usage>
{
    public const long NanosecondsPerMicrosecond = 1_000L;
    public const long NanosecondsPerMillisecond = 1_000_000L;
    public const long NanosecondsPerSecond = 1_000_000_000L;
    public const long NanosecondsPerMinute = 60 * NanosecondsPerSecond;
    public const long NanosecondsPerHour = 60 * NanosecondsPerMinute;

    public static readonly Usage Zero;
    public static readonly Usage Unlimited = new(-1);

    public static Usage FromSeconds(long seconds) => new(checked(seconds * NanosecondsPerSecond));
    public static Usage FromMinutes(long minutes) => new(checked(minutes * NanosecondsPerMinute));
    public static Usage FromHours(long hours) => new(checked(hours * NanosecondsPerHour));

    public bool IsUnlimited => Nanoseconds == -1;

    public static Usage operator +(Usage a, Usage b) => new(checked(a.Nanoseconds + b.Nanoseconds));
    public static Usage operator -(Usage a, Usage b) => new(checked(a.Nanoseconds - b.Nanoseconds));
    public static Usage operator *(Usage a, long factor) => new(checked(a.Nanoseconds * factor));
    public static long operator /(Usage a, Usage b) => a.Nanoseconds / b.Nanoseconds;
    public static bool operator <(Usage a, Usage b) => a.Nanoseconds < b.Nanoseconds;
    public static bool operator >(Usage a, Usage b) => a.Nanoseconds > b.Nanoseconds;
    public static bool operator <=(Usage a, Usage b) => a.Nanoseconds <= b.Nanoseconds;
    public static bool operator >=(Usage a, Usage b) => a.Nanoseconds >= b.Nanoseconds;

    public int CompareTo(Usage other) => Nanoseconds.CompareTo(other.Nanoseconds);

    public static Usage Min(Usage a, Usage b) => a.Nanoseconds <= b.Nanoseconds ? a : b;
    public static Usage Max(Usage a, Usage b) => a.Nanoseconds >= b.Nanoseconds ? a : b;

    /// <summary>
    /// The smallest multiple of <paramref name="whole"/> that is at least <paramref name="amount"/>
    /// (CGRateS parity: utils/coreutils.go RoundDuration).
    /// </summary>
    public static Usage RoundUpToMultiple(Usage whole, Usage amount)
    {
        if (whole.Nanoseconds <= 0)
        {
            return amount;
        }
        var rest = amount.Nanoseconds % whole.Nanoseconds;
        return rest == 0 ? amount : new Usage(checked(amount.Nanoseconds - rest + whole.Nanoseconds));
    }

    /// <summary>Parses like CGRateS's ParseDurationWithNanosecs: a bare integer is nanoseconds,
    /// otherwise a Go duration string; <c>*unlimited</c> is -1; empty is zero.</summary>
    public static Usage Parse(string text) =>
        TryParse(text, out var usage) ? usage : throw new FormatException($"invalid duration \"{text}\"");

    public static bool TryParse([NotNullWhen(true)] string? text, out Usage usage) => TryParse(text.AsSpan(), out usage) && text is not null;

    public static bool TryParse(ReadOnlySpan<char> text, out Usage usage)
    {
        usage = Zero;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return true;
        }
        if (text.SequenceEqual("*unlimited"))
        {
            usage = Unlimited;
            return true;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ns))
        {
            usage = new Usage(ns);
            return true;
        }
        return GoDuration.TryParse(text, out usage);
    }

    /// <summary>Go's <c>time.Duration.String()</c>: <c>1m25s</c>, <c>1.5s</c>, <c>0s</c>, <c>2.048µs</c>.</summary>
    public override string ToString() => GoDuration.Format(Nanoseconds);
}
