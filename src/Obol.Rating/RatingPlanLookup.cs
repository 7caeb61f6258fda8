using NodaTime;
using Obol.Primitives;

namespace Obol.Rating;

/// <summary>
/// Finds the rating infos covering a call: the subject's profile, its active plans, the destination's longest
/// prefix with rates, then the fallback subjects for what stays uncovered
/// (CGRateS parity: CallDescriptor.LoadRatingPlans, getRatingPlansForPrefix, RatingProfile.GetRatingPlansForPrefix).
/// </summary>
internal sealed class RatingPlanLookup(RatingOptions options)
{
    private enum Outcome
    {
        Found,
        NotFound,
        MaxRecursion,
    }

    /// <summary>Fills <paramref name="infos"/>; returns null or a CGRateS error string.</summary>
    public string? Load(IRatingDataSource data, CallDescriptor cd, List<RatingInfo> infos)
    {
        infos.Clear();
        var (outcome, depth) = ForKey(data, cd, cd.TimeStart, cd.TimeEnd, cd.KeyFor(cd.Subject), 1, infos);
        if (outcome == Outcome.NotFound && depth == 1)
        {
            (outcome, _) = ForKey(data, cd, cd.TimeStart, cd.TimeEnd, cd.KeyFor(Meta.Any), 1, infos);
        }
        if (outcome != Outcome.Found)
        {
            return ErrorCodes.RatingPlanNotFound;
        }
        return IsContinuous(infos, cd.TimeStart) ? null : ErrorCodes.UnauthorizedDestination;
    }

    private (Outcome, int Depth) ForKey(IRatingDataSource data, CallDescriptor cd, Instant start, Instant end, RatingProfileKey key, int depth, List<RatingInfo> infos)
    {
        if (depth > options.FallbackDepth)
        {
            return (Outcome.MaxRecursion, depth);
        }
        var profile = FindProfile(data, key);
        if (profile is null)
        {
            return (Outcome.NotFound, depth);
        }
        var matched = MatchProfile(data, cd, start, end, profile, infos);
        if (matched && IsContinuous(infos, start))
        {
            return (Outcome.Found, depth);
        }
        depth++;
        for (var index = 0; index < infos.Count; index++)
        {
            var info = infos[index];
            if (info.RateIntervals is { Length: > 0 } || info.FallbackKeys.Count == 0)
            {
                continue;
            }
            var subStart = index == 0 ? start : info.ActivationTime;
            var subEnd = index == infos.Count - 1 ? end : infos[index + 1].ActivationTime;
            // CGRateS parity: one temporary descriptor serves all fallback keys, so its infos accumulate across keys.
            var subInfos = new List<RatingInfo>();
            foreach (var fallback in info.FallbackKeys)
            {
                if (ForKey(data, cd, subStart, subEnd, fallback, depth, subInfos).Item1 != Outcome.Found)
                {
                    continue;
                }
                for (var n = 0; n < subInfos.Count; n++)
                {
                    if (subInfos[n].RateIntervals is not { Length: > 0 })
                    {
                        continue;
                    }
                    if (n == 0)
                    {
                        infos[index] = subInfos[n];
                    }
                    else
                    {
                        infos.Insert(index + n, subInfos[n]);
                    }
                }
                if (IsContinuous(subInfos, subStart))
                {
                    break;
                }
            }
        }
        return (Outcome.Found, depth);
    }

    private RatingProfile? FindProfile(IRatingDataSource data, RatingProfileKey key)
    {
        var profile = data.GetRatingProfile(key);
        if (profile is not null || !options.SubjectPrefixMatching || key.Subject == Meta.Any)
        {
            return profile;
        }
        // CGRateS parity: RatingProfileSubjectPrefixMatching tries ever shorter subjects, keeping at least one character.
        for (var len = key.Subject.Length - 1; len >= 1; len--)
        {
            profile = data.GetRatingProfile(key with { Subject = key.Subject[..len] });
            if (profile is not null)
            {
                return profile;
            }
        }
        return null;
    }

    /// <summary>Adds the profile's infos for the call; false when it found none (CGRateS returns NOT_FOUND then).</summary>
    private static bool MatchProfile(IRatingDataSource data, CallDescriptor cd, Instant start, Instant end, RatingProfile profile, List<RatingInfo> infos)
    {
        List<RatingInfo>? found = null;
        var active = profile.ActiveForCall(start, end);
        for (var index = 0; index < active.Length; index++)
        {
            var activation = active[index];
            var plan = data.GetRatingPlan(activation.RatingPlanId);
            if (plan is null)
            {
                continue;
            }
            var (intervals, prefix, destinationId) = MatchDestination(data, cd, start, plan);
            found ??= infos.Count == 0 ? infos : [];
            if (index == 0 && start < activation.ActivationTime)
            {
                found.Add(new RatingInfo { ActivationTime = start, FallbackKeys = [cd.KeyFor(Meta.Any)] });
            }
            if (intervals is not null)
            {
                found.Add(new RatingInfo
                {
                    MatchedSubject = profile.Id,
                    RatingPlanId = plan.Id,
                    MatchedPrefix = prefix,
                    MatchedDestId = destinationId,
                    ActivationTime = activation.ActivationTime,
                    RateIntervals = intervals,
                    FallbackKeys = activation.FallbackKeys,
                });
            }
            else if (activation.FallbackKeys.Count > 0)
            {
                found.Add(new RatingInfo { ActivationTime = activation.ActivationTime, FallbackKeys = activation.FallbackKeys });
            }
        }
        if (found is null || found.Count == 0)
        {
            return false;
        }
        if (!ReferenceEquals(found, infos))
        {
            AddRatingInfos(infos, found, start);
        }
        return true;
    }

    /// <summary>CGRateS parity: addRatingInfos only takes the first new info, and only when it starts earlier than
    /// what is already there while that does not reach back to the call start.</summary>
    private static void AddRatingInfos(List<RatingInfo> infos, List<RatingInfo> found, Instant start)
    {
        infos.Sort(static (a, b) => a.ActivationTime.CompareTo(b.ActivationTime));
        if (infos[0].ActivationTime > start && found[0].ActivationTime < infos[0].ActivationTime)
        {
            infos.Add(found[0]);
            infos.Sort(static (a, b) => a.ActivationTime.CompareTo(b.ActivationTime));
        }
    }

    private static (RateInterval[]? Intervals, string Prefix, string DestinationId) MatchDestination(IRatingDataSource data, CallDescriptor cd, Instant start, RatingPlan plan)
    {
        if (cd.Destination.Length == 0 || cd.Destination == Meta.Any)
        {
            cd.Destination = Meta.Any;
            return plan.TryGetIntervals(Meta.Any, out var anyIntervals) ? (anyIntervals, Meta.Any, Meta.Any) : (null, "", "");
        }
        foreach (var match in data.MatchDestination(cd.Destination))
        {
            RateInterval[]? best = null;
            var bestWeight = decimal.MinValue;
            var bestId = "";
            foreach (var destinationId in match.Value.DestinationIds)
            {
                if (!plan.TryGetIntervals(destinationId, out var intervals) || !AnyActiveAt(intervals, start, cd.TimeZone))
                {
                    continue;
                }
                var weight = MaxWeight(intervals);
                if (best is null || weight > bestWeight)
                {
                    best = intervals;
                    bestWeight = weight;
                    bestId = destinationId;
                }
            }
            if (best is not null)
            {
                return (best, match.Value.Prefix, bestId);
            }
        }
        return plan.TryGetIntervals(Meta.Any, out var fallback) ? (fallback, Meta.Any, Meta.Any) : (null, "", "");
    }

    private static bool AnyActiveAt(RateInterval[] intervals, Instant t, DateTimeZone zone)
    {
        foreach (var ri in intervals)
        {
            if (ri.Timing.IsActiveAt(t, zone))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>CGRateS parity: RateIntervalList.GetWeight starts from 0.</summary>
    private static decimal MaxWeight(RateInterval[] intervals)
    {
        decimal max = 0;
        foreach (var ri in intervals)
        {
            max = Math.Max(max, ri.Weight);
        }
        return max;
    }

    internal static bool IsContinuous(List<RatingInfo> infos, Instant start)
    {
        if (infos.Count == 0 || infos[0].ActivationTime > start)
        {
            return false;
        }
        foreach (var info in infos)
        {
            if (info.RateIntervals is null)
            {
                return false;
            }
        }
        return true;
    }
}
