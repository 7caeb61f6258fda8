using Obol.Api.JsonRpc;
using Obol.Api.TpRows;
using Obol.Primitives;
using Obol.Rals;
using Obol.TariffPlans;

namespace Obol.Api;

/// <summary>
/// APIerSv1/v2.LoadAccountActions: the AccountActions rows of a StorDB plan that match the LoadId, tenant and account
/// given (each when given), loaded one by one beside the plan in force, as provisioning does after SetTPAccountActions.
/// </summary>
public sealed partial class TariffPlanImportService
{
    private void RegisterAccountActions(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<TpAccountActions, string>("APIerSv1.LoadAccountActions", LoadAccountActionsAsync);
        dispatcher.Add<TpAccountActions, string>("APIerSv2.LoadAccountActions", LoadAccountActionsAsync);
    }

    private async ValueTask<RpcResult<string>> LoadAccountActionsAsync(TpAccountActions args, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.TPid))
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("TPid"));
        }
        var files = await imports.LoadAsync(args.TPid, ct).ConfigureAwait(false);
        var read = TariffPlanReader.ReadFiles(files, new TariffPlanReadOptions(zone, clock.GetCurrentInstant()));
        if (!read.Succeeded)
        {
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(TariffPlanLoadResult.Summary(read.Errors.Where(e => !e.IsWarning))));
        }
        HashSet<string>? ofLoad = null;
        if (!string.IsNullOrEmpty(args.LoadId))
        {
            var rows = await new TpRowStore(imports).RowsWithLoadIdsAsync(args.TPid, "AccountActions.csv", r => r[0] + ":" + r[1], ct).ConfigureAwait(false);
            ofLoad = [.. rows.Where(r => r.LoadId == args.LoadId).Select(r => r.Row[0] + ":" + r.Row[1])];
        }
        var matching = read.Plan.AccountActions.Where(a =>
            (string.IsNullOrEmpty(args.Tenant) || a.Tenant == args.Tenant) &&
            (string.IsNullOrEmpty(args.Account) || a.Account == args.Account) &&
            (ofLoad is null || ofLoad.Contains(a.Tenant + ":" + a.Account))).ToList();
        if (matching.Count == 0)
        {
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(ErrorCodes.NotFound));
        }
        foreach (var row in matching)
        {
            if (await rals.LoadAccountActionAsync(read.Plan, row, ct).ConfigureAwait(false) is { } error)
            {
                return RpcResult.Fail<string>(error.StartsWith(ErrorCodes.ServerError, StringComparison.Ordinal) ? error : ErrorCodes.ServerErrorWith(error));
            }
        }
        return "OK";
    }
}
