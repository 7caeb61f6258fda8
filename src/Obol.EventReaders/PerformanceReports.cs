using NodaTime;
using NodaTime.Text;
using Obol.Cdrs;
using Obol.Config;
using Obol.Events;
using Obol.Primitives;

namespace Obol.EventReaders;

/// <summary>
/// ers.go processEvent's performance report: with <c>*ersStats:ID1&amp;ID2</c> or <c>*ersThresholds:ID1&amp;ID2</c>
/// among a reader's flags, every event handed to SessionS is followed by a <c>PerformanceReport</c> event (ReplyState,
/// StartTime, EndTime, ProcessingTime, Source, EventReaderID) to those StatS queues or thresholds, so an operator can
/// watch a reader's error rate and latency.
/// </summary>
internal sealed class PerformanceReports
{
    public const string StatsFlag = "*ersStats";
    public const string ThresholdsFlag = "*ersThresholds";
    private static readonly InstantPattern s_rfc3339 = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.FFFFFFFFF'Z'");

    private readonly EventReaderConfig _config;
    private readonly ReaderContext _context;
    private readonly string _errorState;
    private readonly List<string>? _statIds;
    private readonly List<string>? _thresholdIds;

    public PerformanceReports(EventReaderConfig config, ReaderContext context, string requestType)
    {
        (_config, _context) = (config, context);
        _errorState = "ERR_" + requestType.TrimStart('*').ToUpperInvariant();
        _statIds = Ids(config.Flags, StatsFlag);
        _thresholdIds = Ids(config.Flags, ThresholdsFlag);
    }

    /// <summary>Sends the report of one event that started at <paramref name="started"/>; a subsystem's error is logged.</summary>
    public async Task SendAsync(string tenant, bool succeeded, Instant started, CancellationToken ct)
    {
        if (_statIds is null && _thresholdIds is null)
        {
            return;
        }
        var ended = _context.Clock.GetCurrentInstant();
        CgrEvent Report(string idsOption, List<string> ids) => new()
        {
            Tenant = tenant,
            Id = Cgrid.NewEventId(),
            Time = ended,
            Event =
            {
                ["ReplyState"] = succeeded ? "OK" : _errorState,
                ["StartTime"] = s_rfc3339.Format(started),
                ["EndTime"] = s_rfc3339.Format(ended),
                ["ProcessingTime"] = new Usage((ended - started).ToInt64Nanoseconds()),
                ["Source"] = "ERs",
                ["EventReaderID"] = _config.Id,
            },
            ApiOpts = { [EventOptions.EventType] = "PerformanceReport", [idsOption] = ids },
        };
        if (_statIds is not null)
        {
            await ReportAsync("StatS", _context.Stats, Report(EventOptions.StatIds, _statIds), ct).ConfigureAwait(false);
        }
        if (_thresholdIds is not null)
        {
            await ReportAsync("ThresholdS", _context.Thresholds, Report(EventOptions.ThresholdIds, _thresholdIds), ct).ConfigureAwait(false);
        }
    }

    private async Task ReportAsync(string subsystem, Func<CgrEvent, CancellationToken, Task<string?>>? sink, CgrEvent report, CancellationToken ct)
    {
        var error = sink is null ? ErrorCodes.NotConnectedTo(subsystem)
            : await sink(report, ct).ConfigureAwait(false);
        if (error is not null && error != ErrorCodes.NotFound)
        {
            _context.Warn($"<ERs> reader <{_config.Id}>: failed to process event in {subsystem}: {error}");
        }
    }

    /// <summary>The IDs after <c>flag:</c>, split on <c>&amp;</c>; null when the flag is absent or names none.</summary>
    private static List<string>? Ids(IReadOnlyList<string> flags, string flag) =>
        flags.FirstOrDefault(f => f.StartsWith(flag + ":", StringComparison.Ordinal)) is { } withIds
            && withIds[(flag.Length + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } ids
            ? [.. ids]
            : null;
}
