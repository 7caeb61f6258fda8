using Obol.TariffPlans;

namespace Obol.Rals;

/// <summary>
/// Where the engine keeps the files of the tariff plan it last loaded (storage implements it), so a restart rebuilds
/// rating data, actions and action plans without the original folder.
/// </summary>
public interface ITariffPlanArchive
{
    /// <summary>Replaces the stored plan, atomically.</summary>
    Task SaveAsync(string source, IReadOnlyList<TariffPlanFile> files, CancellationToken cancellationToken = default);

    /// <summary>The stored plan's files, or null when none was ever loaded.</summary>
    Task<IReadOnlyList<TariffPlanFile>?> LoadAsync(CancellationToken cancellationToken = default);
}
