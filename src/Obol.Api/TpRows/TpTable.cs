using Obol.TariffPlans;

namespace Obol.Api.TpRows;

/// <summary>
/// One StorDB tariff-plan table as CGRateS's row APIs see it: the file of the plan that holds it, and how its rows
/// make the API's shape (utils.TPDestination, utils.TPRateRALs...). Rows are grouped by the ID the table's
/// GetTP…Ids answers (for profiles "tenant:id"); a Set replaces every row of its ID, as CGRateS's StorDB does.
/// </summary>
internal abstract class TpTable<T>
    where T : class
{
    /// <summary>The plan file, e.g. <c>Destinations.csv</c>.</summary>
    public abstract string FileName { get; }

    /// <summary>The ID a row belongs to, as StorDB keys the table.</summary>
    public string IdOf(string[] row) => PlanCsv.IdOf(FileName, row);

    /// <summary>The ID <paramref name="item"/> is stored under.</summary>
    public abstract string IdOf(T item);

    /// <summary>The fields a Set must carry, named as CGRateS names them in MANDATORY_IE_MISSING; empty when none is
    /// missing.</summary>
    public abstract string[] Missing(T item);

    /// <summary>Why a Set of <paramref name="item"/> is refused beyond its missing fields, in CGRateS's words; null when
    /// it is not.</summary>
    public virtual string? Invalid(T item) => null;

    /// <summary>The rows <paramref name="item"/> is written as.</summary>
    public abstract IEnumerable<string[]> Rows(T item);

    /// <summary>The shape the rows of one ID make, in file order.</summary>
    public abstract T Build(string tpId, IReadOnlyList<string[]> rows);
}
