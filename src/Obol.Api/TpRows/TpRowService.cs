using Obol.Api.JsonRpc;
using Obol.Primitives;

namespace Obol.Api.TpRows;

/// <summary>
/// APIerSv1's StorDB row methods (apier/v1/tp*.go): SetTP…, GetTP…, GetTP…Ids and RemoveTP… for every table of a
/// plan imported under a TPid, each working on the rows of the plan's file. What they change is what
/// LoadTariffPlanFromStorDb loads.
/// </summary>
public sealed class TpRowService
{
    private readonly TpRowStore _store;
    private readonly string _defaultTenant;

    public TpRowService(Rals.ITariffPlanImports imports, string defaultTenant)
    {
        _store = new TpRowStore(imports);
        _defaultTenant = defaultTenant;
    }

    public void Register(JsonRpcDispatcher dispatcher)
    {
        TpRatingTables.Register(this, dispatcher);
        TpAccountingTables.Register(this, dispatcher);
        TpProfileTables.Register(this, dispatcher);
    }

    internal string DefaultTenant => _defaultTenant;

    /// <summary>For tables whose methods are not the four of <see cref="Add"/>: changes still go one at a time.</summary>
    internal TpRowStore Store => _store;

    /// <summary>
    /// The four methods of one table. <paramref name="key"/> reads the ID a Get or Remove names, or the missing
    /// fields (null names no Remove method: CGRateS has none for the table).
    /// </summary>
    internal void Add<T>(JsonRpcDispatcher dispatcher, TpTable<T> table, string set, string get, string ids, string? remove,
        Func<TpKeyArgs, (string[] Missing, string Id)> key)
        where T : class, ITpRow
    {
        AddSet(dispatcher, table, "APIerSv1." + set);
        AddGet(dispatcher, table, "APIerSv1." + get, key);
        dispatcher.Add<TpIdsArgs, List<string>>("APIerSv1." + ids, async (args, ct) =>
        {
            if (string.IsNullOrEmpty(args.TPid))
            {
                return RpcResult.Fail<List<string>>(ErrorCodes.MandatoryIeMissingFields("TPid"));
            }
            var found = (await _store.RowsAsync(args.TPid, table.FileName, ct).ConfigureAwait(false))
                .Select(table.IdOf)
                .Where(id => string.IsNullOrEmpty(args.Search) || id.Contains(args.Search, StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            return EventRequests.Page(found, new TenantArgs { Limit = args.Limit, Offset = args.Offset });
        });
        if (remove is not null)
        {
            AddRemove(dispatcher, table, "APIerSv1." + remove, key);
        }
    }

    internal void AddSet<T>(JsonRpcDispatcher dispatcher, TpTable<T> table, string method)
        where T : class, ITpRow =>
        dispatcher.Add<T, string>(method, async (item, ct) =>
        {
            if (table.Missing(item) is { Length: > 0 } missing)
            {
                return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields(missing));
            }
            if (table.Invalid(item) is { } invalid)
            {
                return RpcResult.Fail<string>(invalid);
            }
            var id = table.IdOf(item);
            await _store.ChangeAsync(item.TPid!, table.FileName, row => table.IdOf(row) == id, table.Rows(item), ct).ConfigureAwait(false);
            return "OK";
        });

    internal void AddGet<T>(JsonRpcDispatcher dispatcher, TpTable<T> table, string method, Func<TpKeyArgs, (string[] Missing, string Id)> key)
        where T : class, ITpRow =>
        dispatcher.Add<TpKeyArgs, T>(method, async (args, ct) =>
        {
            var (missing, id) = key(args);
            if (missing.Length > 0)
            {
                return RpcResult.Fail<T>(ErrorCodes.MandatoryIeMissingFields(missing));
            }
            var rows = (await _store.RowsAsync(args.TPid!, table.FileName, ct).ConfigureAwait(false)).Where(r => table.IdOf(r) == id).ToList();
            return rows.Count == 0 ? RpcResult.Fail<T>(ErrorCodes.NotFound) : table.Build(args.TPid!, rows);
        });

    internal void AddRemove<T>(JsonRpcDispatcher dispatcher, TpTable<T> table, string method, Func<TpKeyArgs, (string[] Missing, string Id)> key)
        where T : class, ITpRow =>
        dispatcher.Add<TpKeyArgs, string>(method, async (args, ct) =>
        {
            var (missing, id) = key(args);
            if (missing.Length > 0)
            {
                return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields(missing));
            }
            await _store.ChangeAsync(args.TPid!, table.FileName, row => table.IdOf(row) == id, [], ct).ConfigureAwait(false);
            return "OK";
        });

    /// <summary>The key of a table whose Get names its row by <c>ID</c>.</summary>
    internal static (string[] Missing, string Id) ById(TpKeyArgs args) =>
        (ApierService.Missing(("TPid", string.IsNullOrEmpty(args.TPid)), ("ID", string.IsNullOrEmpty(args.ID))), args.ID ?? "");

    /// <summary>The key of a profile table (utils.TPTntID): "tenant:id", the tenant defaulted.</summary>
    internal (string[] Missing, string Id) ByTenantId(TpKeyArgs args) =>
        (ApierService.Missing(("TPid", string.IsNullOrEmpty(args.TPid)), ("ID", string.IsNullOrEmpty(args.ID))),
            (string.IsNullOrEmpty(args.Tenant) ? _defaultTenant : args.Tenant) + ":" + args.ID);

    /// <summary>The key of APIerSv2's destination methods, which name the ID <c>Tag</c>.</summary>
    internal static (string[] Missing, string Id) ByTag(TpKeyArgs args) =>
        (ApierService.Missing(("TPid", string.IsNullOrEmpty(args.TPid)), ("Tag", string.IsNullOrEmpty(args.Tag))), args.Tag ?? "");
}
