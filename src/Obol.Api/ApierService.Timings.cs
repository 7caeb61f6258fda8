using System.Globalization;
using Obol.Api.JsonRpc;
using Obol.Primitives;
using Obol.Rals;
using Obol.Rating;

namespace Obol.Api;

/// <summary>Timings set over the API (apier/v1/timing.go SetTiming, GetTiming, RemoveTiming; apier.go TimingIsActiveAt).</summary>
public sealed partial class ApierService
{
    private void RegisterTimings(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<TimingArgs, string>("APIerSv1.SetTiming", async (a, ct) => string.IsNullOrWhiteSpace(a.ID)
            ? RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("ID"))
            : Reply(await rals.SetTimingAsync(a.ID, new TimingChange(a.Years ?? [], a.Months ?? [], a.MonthDays ?? [], a.WeekDays ?? [],
                string.IsNullOrEmpty(a.EndTime) ? a.StartTime ?? "" : $"{a.StartTime};{a.EndTime}"), ct).ConfigureAwait(false)));
        dispatcher.Add<TimingArgs, string>("APIerSv1.RemoveTiming", async (a, ct) => string.IsNullOrWhiteSpace(a.ID)
            ? RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("ID"))
            : Reply(await rals.RemoveTimingAsync(a.ID, ct).ConfigureAwait(false)));
        dispatcher.Add<TimingArgs, TimingReply>("APIerSv1.GetTiming", (a, _) => ValueTask.FromResult(
            string.IsNullOrWhiteSpace(a.ID) ? RpcResult.Fail<TimingReply>(ErrorCodes.MandatoryIeMissingFields("ID"))
            : rals.GetTiming(a.ID) is { } timing ? TimingReply.Of(timing) : RpcResult.Fail<TimingReply>(ErrorCodes.NotFound)));
        dispatcher.Add<TimeParams, bool>("APIerSv1.TimingIsActiveAt", (a, _) => ValueTask.FromResult(IsActiveAt(a)));
    }

    private RpcResult<bool> IsActiveAt(TimeParams args)
    {
        if (rals.GetTiming(args.TimingID ?? "") is not { } timing)
        {
            return RpcResult.Fail<bool>(ErrorCodes.NotFound);
        }
        return GoTime.TryParse(args.Time, defaultZone, clock.GetCurrentInstant(), out var at)
            ? timing.IsActiveAt(at.ToInstant(), defaultZone)
            : RpcResult.Fail<bool>($"Unsupported time format: <{args.Time}>");
    }
}

/// <summary>utils.TPTimingWithAPIOpts (and utils.ArgsGetTimingID, which has only the ID).</summary>
public sealed record TimingArgs(string? ID, int[]? Years, int[]? Months, int[]? MonthDays, int[]? WeekDays, string? StartTime, string? EndTime,
    string? Tenant);

/// <summary>utils.TPTiming.</summary>
public sealed record TimingReply(string ID, int[] Years, int[] Months, int[] MonthDays, int[] WeekDays, string StartTime, string EndTime)
{
    public static TimingReply Of(Timing t) => new(t.Id, t.Years, t.Months, t.MonthDays, t.WeekDays, t.StartTimeText,
        t.EndTime is { } end ? end.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "");
}

/// <summary>v1.TimeParams.</summary>
public sealed record TimeParams(string? TimingID, string? Time);
