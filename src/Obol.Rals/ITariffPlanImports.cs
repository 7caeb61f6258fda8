using Obol.TariffPlans;

namespace Obol.Rals;

/// <summary>
/// Tariff plans imported into StorDB under a TPid (APIerSv1.ImportTariffPlanFromFolder), kept apart from the plan in
/// force until APIerSv1.LoadTariffPlanFromStorDb loads one (storage implements it).
/// </summary>
public interface ITariffPlanImports
{
    /// <summary>Replaces the files kept under <paramref name="tpId"/>, atomically.</summary>
    Task SaveAsync(string tpId, string source, IReadOnlyList<TariffPlanFile> files, CancellationToken cancellationToken = default);

    /// <summary>The files kept under <paramref name="tpId"/>; empty when there are none.</summary>
    Task<IReadOnlyList<TariffPlanFile>> LoadAsync(string tpId, CancellationToken cancellationToken = default);

    /// <summary>Every TPid imported, sorted.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default);
}
