using Obol.TariffPlans;

namespace Obol.Rals;

/// <summary>
/// Another subsystem fed by the same tariff-plan load (Filters, Attributes ... Resources). A load is all or nothing:
/// every subscriber prepares first and any error fails the whole load before anything changes; the commits run
/// only when RALs applies the plan.
/// </summary>
public interface ITariffPlanSubscriber
{
    /// <param name="plan">The plan as read, references already checked.</param>
    /// <param name="options">The timezone and reference time the plan was read with.</param>
    /// <param name="restoring">True when the engine restores the plan it had stored at start-up: a subscriber whose
    /// state is stored separately keeps that state rather than re-applying the plan over later API changes.</param>
    PreparedPlanLoad Prepare(TariffPlan plan, TariffPlanReadOptions options, bool restoring);

    /// <summary>APIerSv1.RemoveTPFromFolder: removes what <paramref name="removed"/>'s rows name (its references are not
    /// checked: it is what goes away).</summary>
    PreparedPlanLoad PrepareRemoval(TariffPlan removed, TariffPlanReadOptions options);
}

/// <summary>The outcome of <see cref="ITariffPlanSubscriber.Prepare"/>: errors located at file:line, or what to apply.</summary>
public sealed record PreparedPlanLoad(IReadOnlyList<TariffPlanError> Errors, Func<CancellationToken, ValueTask> Commit)
{
    public static PreparedPlanLoad Nothing { get; } = new([], _ => ValueTask.CompletedTask);
}
