using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Api;

/// <summary>RALsV1.GetRatingPlansCost (the console's <c>ratingplan_cost</c>): what a call would cost on each of several
/// rating plans, answered for the first that rates it.</summary>
public sealed partial class ApierService
{
    private const string RatingPlanCostCategory = "*rating_plan_cost";

    private void RegisterRatingPlanCost(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<RatingPlanCostArg, RawJson>("RALsV1.GetRatingPlansCost", (a, _) => ValueTask.FromResult(GetRatingPlansCost(a)));
        dispatcher.AddPing("RALsV1");
    }

    /// <summary>
    /// The call (Destination, SetupTime, Usage) rated under a subject whose only activation is each plan in turn: a plan
    /// that cannot rate it (no rate for the destination, or none at all) is skipped, another error is the answer. When no
    /// plan rates it the reply is empty, as CGRateS's.
    /// </summary>
    private RpcResult<RawJson> GetRatingPlansCost(RatingPlanCostArg args)
    {
        var missing = Missing(("RatingPlanIDs", args.RatingPlanIds is not { Count: > 0 }), ("Destination", string.IsNullOrEmpty(args.Destination)),
            ("SetupTime", string.IsNullOrEmpty(args.SetupTime)), ("Usage", string.IsNullOrEmpty(args.Usage)));
        if (missing.Length > 0)
        {
            return RpcResult.Fail<RawJson>(ErrorCodes.MandatoryIeMissingFields(missing));
        }
        if (!GoTime.TryParse(args.SetupTime, defaultZone, clock.GetCurrentInstant(), out var setup))
        {
            return RpcResult.Fail<RawJson>($"Unsupported time format: {args.SetupTime}");
        }
        if (!Usage.TryParse(args.Usage, out var usage))
        {
            return RpcResult.Fail<RawJson>($"time: invalid duration \"{args.Usage}\"");
        }
        var key = new RatingProfileKey(ShortId(), RatingPlanCostCategory, ShortId());
        foreach (var planId in args.RatingPlanIds!)
        {
            var profile = new RatingProfile(key, [new RatingPlanActivation(setup.ToInstant(), planId, [])]);
            var engine = new RatingEngine(new OneProfileMore(rals.Rating.Data, profile), rals.Rating.Options);
            var call = new CallDescriptor
            {
                Category = key.Category,
                Tenant = key.Tenant,
                Subject = key.Subject,
                Destination = args.Destination!,
                TimeStart = setup.ToInstant(),
                TimeEnd = setup.ToInstant() + NodaTime.Duration.FromNanoseconds(usage.Nanoseconds),
                TimeZone = setup.Zone,
                DurationIndex = usage,
            };
            var (cost, error) = engine.GetEventCost(call);
            if (error is null)
            {
                return new RawJson(Encoding.UTF8.GetBytes($"{{\"EventCost\":{EventCostJson.WriteString(cost!)},\"RatingPlanID\":{JsonSerializer.Serialize(planId)}}}"));
            }
            if (error != ErrorCodes.UnauthorizedDestination && error != ErrorCodes.NotFound && !error.EndsWith(ErrorCodes.UnauthorizedDestination, StringComparison.Ordinal))
            {
                return RpcResult.Fail<RawJson>(error);
            }
        }
        return new RawJson("""{"EventCost":null,"RatingPlanID":""}"""u8.ToArray());
    }

    // utils.UUIDSha1Prefix: a throw-away tenant and subject nothing else rates under.
    private static string ShortId() => Guid.NewGuid().ToString("N")[..7];

    /// <summary>The rating data with one more rating profile, the temporary one each plan is tried under.</summary>
    private sealed class OneProfileMore(IRatingDataSource data, RatingProfile extra) : IRatingDataSource
    {
        public RatingProfile? GetRatingProfile(RatingProfileKey key) => key == extra.Key ? extra : data.GetRatingProfile(key);

        public RatingPlan? GetRatingPlan(string id) => data.GetRatingPlan(id);

        public PrefixIndex<DestinationEntry>.Matches MatchDestination(ReadOnlySpan<char> number) => data.MatchDestination(number);
    }
}

/// <summary>utils.RatingPlanCostArg.</summary>
public sealed record RatingPlanCostArg
{
    [System.Text.Json.Serialization.JsonPropertyName("RatingPlanIDs")]
    public IReadOnlyList<string>? RatingPlanIds { get; init; }

    public string? Destination { get; init; }

    public string? SetupTime { get; init; }

    public string? Usage { get; init; }
}
