using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Exporters;

/// <summary>
/// utils.ExporterMetrics of one exporter instance: what EeSv1.ProcessEvent returns when <c>*eesVerbose</c> is set,
/// and what <c>~*em.X</c> reads in header/trailer templates. Values are typed (long, decimal, <see cref="Usage"/>,
/// <see cref="Instant"/>, string[]); the API layer renders them as Go's JSON does.
/// </summary>
public sealed class ExporterMetrics : IDataProvider
{
    public const string NumberOfEvents = "NumberOfEvents";
    public const string PositiveExports = "PositiveExports";
    public const string NegativeExports = "NegativeExports";
    public const string TimeNow = "TimeNow";
    public const string ExportPath = "ExportPath";
    public const string FirstEventATime = "FirstEventATime";
    public const string LastEventATime = "LastEventATime";
    public const string FirstExpOrderID = "FirstExpOrderID";
    public const string LastExpOrderID = "LastExpOrderID";
    public const string TotalCost = "TotalCost";
    public const string TotalDuration = "TotalDuration";
    public const string TotalSmsUsage = "TotalSMSUsage";
    public const string TotalMmsUsage = "TotalMMSUsage";
    public const string TotalGenericUsage = "TotalGenericUsage";
    public const string TotalDataUsage = "TotalDataUsage";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _positive = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _negative = new(StringComparer.Ordinal);

    internal ExporterMetrics(Instant now) => Reset(now);

    /// <summary>Back to the initial values (ExporterMetrics.Reset); the export path is kept, it names the open file.</summary>
    public void Reset(Instant now)
    {
        lock (_lock)
        {
            _values.TryGetValue(ExportPath, out var path);
            _values.Clear();
            _positive.Clear();
            _negative.Clear();
            _values[NumberOfEvents] = 0L;
            _values[TimeNow] = now;
            if (path is not null)
            {
                _values[ExportPath] = path;
            }
        }
    }

    /// <summary>A copy of the metrics, sets as sorted arrays (ClonedMapStorage + the reply's AsSlice).</summary>
    public IReadOnlyDictionary<string, object?> Snapshot()
    {
        lock (_lock)
        {
            var copy = new Dictionary<string, object?>(_values, StringComparer.Ordinal)
            {
                [PositiveExports] = _positive.ToArray(),
                [NegativeExports] = _negative.ToArray(),
            };
            return copy;
        }
    }

    public bool TryGetField(ReadOnlySpan<string> path, out object? value)
    {
        value = null;
        return path.Length == 1 && Snapshot().TryGetValue(path[0], out value);
    }

    internal void SetExportPath(string path)
    {
        lock (_lock)
        {
            _values[ExportPath] = path;
        }
    }

    internal void IncrementEvents()
    {
        lock (_lock)
        {
            _values[NumberOfEvents] = (long)_values[NumberOfEvents]! + 1;
        }
    }

    /// <summary>updateEEMetrics: outcome by event id, answer-time range, order-id range, cost and usage totals.</summary>
    internal void Record(CgrEvent ev, bool failed, DateTimeZone zone, Instant now)
    {
        lock (_lock)
        {
            (failed ? _negative : _positive).Add(ev.Id);
            if (ev.Event.TryGetValue("AnswerTime", out var answer) && DataConverter.TryTime(answer, zone, now, out var time, out _))
            {
                var at = time.ToInstant();
                if (!_values.TryGetValue(FirstEventATime, out var first) || first is not Instant f || f == GoTime.Zero.ToInstant() || at < f)
                {
                    _values[FirstEventATime] = at;
                }
                if (!_values.TryGetValue(LastEventATime, out var last) || last is not Instant l || at > l)
                {
                    _values[LastEventATime] = at;
                }
            }
            if (ev.Event.TryGetValue("OrderID", out var order) && EventValues.TryAsDecimal(order, out var orderNumber, out _)
                && decimal.Truncate(orderNumber) == orderNumber && orderNumber is >= long.MinValue and <= long.MaxValue)
            {
                var id = (long)orderNumber;
                if (!_values.TryGetValue(FirstExpOrderID, out var first) || first is not long f || f == 0 || f > id)
                {
                    _values[FirstExpOrderID] = id;
                }
                if (!_values.TryGetValue(LastExpOrderID, out var last) || last is not long l || l < id)
                {
                    _values[LastExpOrderID] = id;
                }
            }
            if (ev.Event.TryGetValue("Cost", out var cost) && EventValues.TryAsDecimal(cost, out var costNumber, out _))
            {
                _values[TotalCost] = (_values.TryGetValue(TotalCost, out var total) && total is decimal t ? t : 0m) + costNumber;
            }
            if (ev.FieldAsString("ToR") is { } tor && ev.Event.TryGetValue("Usage", out var usageValue)
                && EventValues.TryAsUsage(usageValue, out var usage, out _))
            {
                var key = tor switch
                {
                    "*voice" => TotalDuration,
                    "*sms" => TotalSmsUsage,
                    "*mms" => TotalMmsUsage,
                    "*generic" => TotalGenericUsage,
                    "*data" => TotalDataUsage,
                    _ => null,
                };
                if (key is not null)
                {
                    _values[key] = (_values.TryGetValue(key, out var sum) && sum is Usage u ? u : Usage.Zero) + usage;
                }
            }
        }
    }
}
