namespace Obol.Storage.Sqlite;

/// <summary>One load of a tariff plan into the store (<c>GetLoadHistory</c>).</summary>
public sealed record TariffPlanLoad(long Id, string TpId, DateTimeOffset LoadedAt, string Source, int FileCount, long CharCount);
