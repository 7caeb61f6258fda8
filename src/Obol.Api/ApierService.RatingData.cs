using NodaTime;
using Obol.Api.JsonRpc;
using Obol.Primitives;
using Obol.Rals;
using Obol.Rating;

namespace Obol.Api;

/// <summary>The rating data over the API: destinations, rating plans and rating profiles read, destinations and rating
/// profiles set and removed (apier/v1/apier.go).</summary>
public sealed partial class ApierService
{
    private void RegisterRatingData(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<string, DestinationWire>("APIerSv1.GetDestination", (id, _) => ValueTask.FromResult(GetDestination(id)));
        dispatcher.Add<AttrSetDestination, string>("APIerSv1.SetDestination", async (a, ct) =>
        {
            var missing = Missing(("Id", string.IsNullOrEmpty(a.Id)), ("Prefixes", a.Prefixes is not { Count: > 0 }));
            return missing.Length > 0
                ? RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields(missing))
                : Reply(await rals.SetDestinationAsync(a.Id!, a.Prefixes!, a.Overwrite, ct).ConfigureAwait(false));
        });
        dispatcher.Add<AttrSetRatingProfile, string>("APIerSv1.SetRatingProfile", SetRatingProfileAsync);
        dispatcher.Add<AttrSetRatingProfile, string>("APIerSv1.RemoveRatingProfile", async (a, ct) =>
        {
            if (!string.IsNullOrEmpty(a.Subject) && string.IsNullOrEmpty(a.Category))
            {
                return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissing);
            }
            var error = await rals.RemoveRatingProfileAsync(Or(a.Tenant, defaultTenant), a.Category ?? "", a.Subject ?? "", ct).ConfigureAwait(false);
            return error is null ? Ok : RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(error));
        });
        dispatcher.Add<string?, string>("APIerSv1.RemoveRatingPlan", async (id, ct) => string.IsNullOrEmpty(id)
            ? RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("ID"))
            : Reply(await rals.RemoveRatingPlanAsync(id, ct).ConfigureAwait(false)));
        dispatcher.Add<AttrRemoveDestination, string>("APIerSv1.RemoveDestination", async (a, ct) =>
            Reply(await rals.RemoveDestinationsAsync(a.DestinationIds ?? [], a.Prefixes ?? [], ct).ConfigureAwait(false)));
        dispatcher.Add<AttrGetDestinations, List<DestinationWire>>("APIerSv2.GetDestinations", (a, _) => ValueTask.FromResult(GetDestinations(a)));
        dispatcher.Add<string?, string[]>("APIerSv1.GetReverseDestination", (prefix, _) => ValueTask.FromResult(GetReverseDestination(prefix)));
        dispatcher.Add<string, SharedGroupWire>("APIerSv1.GetSharedGroup", (id, _) => ValueTask.FromResult<RpcResult<SharedGroupWire>>(
            SharedGroupWire.Of(id is null ? null : rals.GetSharedGroup(id))));
        dispatcher.Add<string, RatingPlanWire>("APIerSv1.GetRatingPlan", (id, _) => ValueTask.FromResult(GetRatingPlan(id)));
        dispatcher.Add<AttrGetRatingProfile, RatingProfileWire>("APIerSv1.GetRatingProfile", (a, _) => ValueTask.FromResult(GetRatingProfile(a)));
        dispatcher.Add<TenantArgs, string[]>("APIerSv1.GetRatingProfileIDs", (a, _) => ValueTask.FromResult<RpcResult<string[]>>(
            (string[])[.. rals.RatingData.RatingProfiles.Where(p => p.Key.Tenant == Or(a.Tenant, defaultTenant)).Select(p => p.Id).Order(StringComparer.Ordinal)]));
        dispatcher.Add<TenantArgs, string[]>("APIerSv1.GetRatingPlanIDs", (_, _) => ValueTask.FromResult<RpcResult<string[]>>(
            (string[])[.. rals.RatingData.RatingPlans.Select(p => p.Id).Order(StringComparer.Ordinal)]));
    }

    public RpcResult<DestinationWire> GetDestination(string? id) =>
        id is not null && rals.RatingData.Destinations.TryGetValue(id, out var prefixes)
            ? new DestinationWire(id, prefixes)
            : RpcResult.Fail<DestinationWire>(ErrorCodes.NotFound);

    /// <summary>APIerSv1.SetRatingProfile: Subject and at least one activation are mandatory, each activation's time and
    /// rating plan too.</summary>
    private async ValueTask<RpcResult<string>> SetRatingProfileAsync(AttrSetRatingProfile args, CancellationToken ct)
    {
        var missing = Missing(("Subject", string.IsNullOrEmpty(args.Subject)), ("RatingPlanActivations", args.RatingPlanActivations is not { Count: > 0 }));
        if (missing.Length > 0)
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields(missing));
        }
        foreach (var activation in args.RatingPlanActivations!)
        {
            var absent = Missing(("ActivationTime", string.IsNullOrEmpty(activation.ActivationTime)), ("RatingPlanId", string.IsNullOrEmpty(activation.RatingPlanId)));
            if (absent.Length > 0)
            {
                return RpcResult.Fail<string>($"{ErrorCodes.MandatoryIeMissing}:RatingPlanActivation:[{string.Join(' ', absent)}]");
            }
        }
        var activations = args.RatingPlanActivations!.Select(a => new RatingPlanActivationChange(a.ActivationTime!, a.RatingPlanId!,
            (a.FallbackSubjects ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))).ToList();
        return Reply(await rals.SetRatingProfileAsync(Or(args.Tenant, defaultTenant), args.Category ?? "", args.Subject!, activations, args.Overwrite, ct)
            .ConfigureAwait(false));
    }

    /// <summary>APIerSv1.GetReverseDestination: the destinations holding exactly <paramref name="prefix"/>, by id.</summary>
    private RpcResult<string[]> GetReverseDestination(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return RpcResult.Fail<string[]>(ErrorCodes.MandatoryIeMissingFields("prefix"));
        }
        string[] ids = [.. rals.RatingData.Destinations.Where(d => d.Value.Contains(prefix)).Select(d => d.Key).Order(StringComparer.Ordinal)];
        return ids.Length == 0 ? RpcResult.Fail<string[]>(ErrorCodes.NotFound) : ids;
    }

    /// <summary>APIerSv2.GetDestinations: the named destinations, every one (by id) when none is named; NOT_FOUND for an
    /// unknown one.</summary>
    public RpcResult<List<DestinationWire>> GetDestinations(AttrGetDestinations args)
    {
        var all = rals.RatingData.Destinations;
        var ids = args.DestinationIds is { Count: > 0 } named ? named : [.. all.Keys.Order(StringComparer.Ordinal)];
        List<DestinationWire> found = [];
        foreach (var id in ids)
        {
            if (!all.TryGetValue(id, out var prefixes))
            {
                return RpcResult.Fail<List<DestinationWire>>(ErrorCodes.NotFound);
            }
            found.Add(new DestinationWire(id, prefixes));
        }
        return found;
    }

    /// <summary>engine.RatingPlan: timings and rate tables keyed by id, and per destination the (timing, rates, weight) rows.</summary>
    public RpcResult<RatingPlanWire> GetRatingPlan(string? id)
    {
        if (id is null || rals.RatingData.GetRatingPlan(id) is not { } plan)
        {
            return RpcResult.Fail<RatingPlanWire>(ErrorCodes.NotFound);
        }
        var timings = new SortedDictionary<string, TimingWire>(StringComparer.Ordinal);
        var ratings = new SortedDictionary<string, RateTableWire>(StringComparer.Ordinal);
        var destinations = new SortedDictionary<string, List<RatingPlanRateWire>>(StringComparer.Ordinal);
        foreach (var (destination, intervals) in plan.DestinationRates)
        {
            destinations[destination] = [.. intervals.Select(ri =>
            {
                timings[ri.Timing.Id] = TimingWire.From(ri.Timing);
                ratings[ri.Rating.RatesId] = RateTableWire.From(ri.Rating);
                return new RatingPlanRateWire(ri.Timing.Id, ri.Rating.RatesId, ri.Weight);
            })];
        }
        return new RatingPlanWire(plan.Id, timings, ratings, destinations);
    }

    public RpcResult<RatingProfileWire> GetRatingProfile(AttrGetRatingProfile args)
    {
        if (string.IsNullOrEmpty(args.Category) || string.IsNullOrEmpty(args.Subject))
        {
            return RpcResult.Fail<RatingProfileWire>(ErrorCodes.MandatoryIeMissingFields(
                Missing(("Category", string.IsNullOrEmpty(args.Category)), ("Subject", string.IsNullOrEmpty(args.Subject)))));
        }
        var key = new RatingProfileKey(Or(args.Tenant, defaultTenant), args.Category, args.Subject);
        return rals.RatingData.GetRatingProfile(key) is { } profile
            ? new RatingProfileWire(profile.Id, [.. profile.Activations.Select(a => new RatingPlanActivationWire(
                a.ActivationTime.WithOffset(Offset.Zero), a.RatingPlanId, a.FallbackKeys.Count == 0 ? null : [.. a.FallbackKeys.Select(k => k.ToString())]))])
            : RpcResult.Fail<RatingProfileWire>(ErrorCodes.NotFound);
    }
}

/// <summary>engine.Destination.</summary>
public sealed record DestinationWire(string Id, IReadOnlyList<string> Prefixes);

/// <summary>utils.AttrSetDestination.</summary>
public sealed record AttrSetDestination
{
    public string? Id { get; init; }

    public IReadOnlyList<string>? Prefixes { get; init; }

    public bool Overwrite { get; init; }
}

/// <summary>utils.AttrSetRatingProfile (and v1.AttrRemoveRatingProfile, its first three fields).</summary>
public sealed record AttrSetRatingProfile
{
    public string? Tenant { get; init; }

    public string? Category { get; init; }

    public string? Subject { get; init; }

    public bool Overwrite { get; init; }

    public IReadOnlyList<TpRatingActivation>? RatingPlanActivations { get; init; }
}

/// <summary>utils.TPRatingActivation: FallbackSubjects <c>;</c>-separated.</summary>
public sealed record TpRatingActivation(string? ActivationTime, string? RatingPlanId, string? FallbackSubjects);

/// <summary>v1.AttrRemoveDestination.</summary>
public sealed record AttrRemoveDestination
{
    [System.Text.Json.Serialization.JsonPropertyName("DestinationIDs")]
    public IReadOnlyList<string>? DestinationIds { get; init; }

    public IReadOnlyList<string>? Prefixes { get; init; }
}

/// <summary>v2.AttrGetDestinations.</summary>
public sealed record AttrGetDestinations
{
    [System.Text.Json.Serialization.JsonPropertyName("DestinationIDs")]
    public IReadOnlyList<string>? DestinationIds { get; init; }
}

/// <summary>engine.SharedGroup; an unknown group answers the empty one, as CGRateS does (not found is no error there).</summary>
public sealed record SharedGroupWire(string Id, IReadOnlyDictionary<string, SharingParametersWire>? AccountParameters,
    IReadOnlyDictionary<string, bool>? MemberIds)
{
    public static SharedGroupWire Of(Accounting.SharedGroup? group) => group is null
        ? new SharedGroupWire("", null, null)
        : new SharedGroupWire(group.Id,
            group.AccountParameters.ToDictionary(p => p.Key, p => new SharingParametersWire(p.Value.Strategy, p.Value.RatingSubject), StringComparer.Ordinal),
            group.MemberIds.Order(StringComparer.Ordinal).ToDictionary(m => m, _ => true, StringComparer.Ordinal));
}

/// <summary>engine.SharingParameters.</summary>
public sealed record SharingParametersWire(string Strategy, string RatingSubject);

/// <summary>engine.RatingPlan.</summary>
public sealed record RatingPlanWire(string Id, IReadOnlyDictionary<string, TimingWire> Timings, IReadOnlyDictionary<string, RateTableWire> Ratings,
    IReadOnlyDictionary<string, List<RatingPlanRateWire>> DestinationRates);

/// <summary>engine.RPRate.</summary>
public sealed record RatingPlanRateWire(string Timing, string Rating, decimal Weight);

/// <summary>engine.RatingProfile.</summary>
public sealed record RatingProfileWire(string Id, IReadOnlyList<RatingPlanActivationWire> RatingPlanActivations);

/// <summary>engine.RatingPlanActivation.</summary>
public sealed record RatingPlanActivationWire(OffsetDateTime ActivationTime, string RatingPlanId, IReadOnlyList<string>? FallbackKeys);

/// <summary>utils.AttrGetRatingProfile.</summary>
public sealed record AttrGetRatingProfile(string? Tenant, string? Category, string? Subject);
