using NodaTime;

namespace Obol.Rating;

/// <summary>The identity of a rating profile: CGRateS key <c>*out:&lt;Tenant&gt;:&lt;Category&gt;:&lt;Subject&gt;</c>.</summary>
public readonly record struct RatingProfileKey(string Tenant, string Category, string Subject)
{
    public override string ToString() => $"*out:{Tenant}:{Category}:{Subject}";
}

/// <summary>One RatingProfiles.csv row: from <see cref="ActivationTime"/> on, <see cref="RatingPlanId"/> rates the subject;
/// where it has no rate, the fallback subjects are tried.</summary>
public sealed record RatingPlanActivation(Instant ActivationTime, string RatingPlanId, IReadOnlyList<RatingProfileKey> FallbackKeys);

/// <summary>A subject's rating profile: its plan activations sorted by time.</summary>
public sealed class RatingProfile
{
    public RatingProfile(RatingProfileKey key, IEnumerable<RatingPlanActivation> activations)
    {
        Key = key;
        Id = key.ToString();
        Activations = [.. activations.OrderBy(a => a.ActivationTime)];
    }

    public RatingProfileKey Key { get; }

    /// <summary>The CGRateS key, reported as MatchedSubject.</summary>
    public string Id { get; }

    public RatingPlanActivation[] Activations { get; }

    /// <summary>From the last activation at or before the call start up to (excluding) the first one after its end
    /// (CGRateS parity: RatingPlanActivations.GetActiveForCall).</summary>
    public ReadOnlySpan<RatingPlanActivation> ActiveForCall(Instant start, Instant end)
    {
        var lastBeforeStart = 0;
        var firstAfterEnd = Activations.Length;
        for (var i = 0; i < Activations.Length; i++)
        {
            var at = Activations[i].ActivationTime;
            if (at <= start)
            {
                lastBeforeStart = i;
            }
            if (at > end)
            {
                firstAfterEnd = i;
                break;
            }
        }
        return Activations.AsSpan(lastBeforeStart, Math.Max(0, firstAfterEnd - lastBeforeStart));
    }
}
