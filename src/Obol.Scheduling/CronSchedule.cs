using System.Diagnostics.CodeAnalysis;
using Cronos;
using NodaTime;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Scheduling;

/// <summary>
/// A profile's <c>Schedule</c> as Go's cron (robfig/cron v3's standard parser, which CGRateS uses) reads it: an optional
/// <c>CRON_TZ=</c>/<c>TZ=</c> zone, then five fields (minute hour day-of-month month day-of-week) or a descriptor
/// (<c>@hourly</c>, <c>@daily</c>, <c>@midnight</c>, <c>@weekly</c>, <c>@monthly</c>, <c>@yearly</c>, <c>@annually</c>,
/// <c>@every 15m</c>). What it accepts is <see cref="GoCronGrammar"/>'s, the loader's check, so a schedule the API takes
/// loads from a plan file and back; Cronos computes the runs.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression? _expression;
    private readonly Duration _every;

    private readonly DateTimeZone? _zone;

    private CronSchedule(string text, CronExpression? expression, Duration every, DateTimeZone? zone)
    {
        Text = text;
        _expression = expression;
        _every = every;
        _zone = zone;
    }

    public string Text { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        text = text?.Trim() ?? "";
        if (GoCronGrammar.Problem(text) is { } problem)
        {
            error = $"invalid schedule <{text}>: {problem}";
            return false;
        }
        var spec = text;
        DateTimeZone? zone = null;
        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            var name = spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..space];
            // time.LoadLocation: empty and "UTC" are UTC, "Local" the host's zone.
            zone = name switch
            {
                "" or "UTC" => DateTimeZone.Utc,
                "Local" => DateTimeZoneProviders.Tzdb.GetSystemDefault(),
                _ => DateTimeZoneProviders.Tzdb[name],
            };
            spec = spec[space..].Trim();
        }
        if (spec.StartsWith("@every ", StringComparison.Ordinal))
        {
            var duration = spec["@every ".Length..].Trim();
            if (!Usage.TryParse(duration, out var every) || every.Nanoseconds <= 0)
            {
                error = $"invalid schedule <{text}>: <{duration}> is not a positive duration";
                return false;
            }
            // robfig/cron rounds @every down to whole seconds, at least one.
            var seconds = Math.Max(1, every.Nanoseconds / Usage.NanosecondsPerSecond);
            schedule = new CronSchedule(text, null, Duration.FromSeconds(seconds), zone);
            error = null;
            return true;
        }
        var expression = spec switch
        {
            "@yearly" or "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" or "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            _ => spec,
        };
        if (expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
        {
            error = $"invalid schedule <{text}>: expected 5 fields (minute hour day-of-month month day-of-week) or a descriptor such as @every 15m";
            return false;
        }
        try
        {
            schedule = new CronSchedule(text, CronExpression.Parse(expression, CronFormat.Standard), Duration.Zero, zone);
        }
        catch (CronFormatException e)
        {
            error = $"invalid schedule <{text}>: {e.Message}";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>The first run strictly after <paramref name="after"/>, in the schedule's own <c>CRON_TZ</c> zone or else
    /// <paramref name="zone"/> for the calendar fields; null when the expression has none (e.g. 30 February).</summary>
    public Instant? Next(Instant after, DateTimeZone zone)
    {
        zone = _zone ?? zone;
        if (_expression is null)
        {
            // robfig/cron's ConstantDelaySchedule: the delay from now, on a whole second.
            var next = after + _every;
            return Instant.FromUnixTimeSeconds(next.ToUnixTimeSeconds());
        }
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone.Id == "UTC" ? "Etc/UTC" : zone.Id);
        return _expression.GetNextOccurrence(after.ToDateTimeUtc(), timeZone) is { } utc ? Instant.FromDateTimeUtc(utc) : null;
    }

    public override string ToString() => Text;
}
