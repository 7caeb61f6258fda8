using NodaTime;
using Obol.Accounting;
using Obol.Api.JsonRpc;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Rals;
using Obol.Rating;

namespace Obol.Api;

/// <summary>
/// APIerSv1/APIerSv2 on top of RALs, with CGRateS's argument defaults and error strings (apier/v1, apier/v2).
/// </summary>
public sealed partial class ApierService(RalsService rals, DateTimeZone defaultZone, IClock clock, string defaultTenant = "cgrates.org",
    string defaultCategory = "call")
{
    private const string Ok = "OK";

    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<AttrGetCost, WrittenJson>("APIerSv1.GetCost", (a, _) => ValueTask.FromResult(GetCostJson(a)));
        dispatcher.Add<AttrGetAccount, RawJson>("APIerSv2.GetAccount", (a, ct) => GetAccountAsync(a, ApierJson.Account, ct));
        // APIerSv1 answers engine.Account.AsOldStructure (balance types with *out, "*out:" before the ID).
        dispatcher.Add<AttrGetAccount, RawJson>("APIerSv1.GetAccount", (a, ct) => GetAccountAsync(a, ApierJson.OldAccount, ct));
        dispatcher.Add<AttrGetAccounts, RawJson>("APIerSv2.GetAccounts", (a, ct) => GetAccountsAsync(a, ApierJson.Accounts, ct));
        dispatcher.Add<AttrGetAccounts, RawJson>("APIerSv1.GetAccounts", (a, ct) => GetAccountsAsync(a, ApierJson.OldAccounts, ct));
        dispatcher.Add<AttrSetBalance, string>("APIerSv1.SetBalance", (a, ct) => ChangeBalanceAsync(a, "*set_balance", ct));
        dispatcher.Add<AttrSetBalance, string>("APIerSv1.AddBalance", (a, ct) => ChangeBalanceAsync(a, a.Overwrite ? "*topup_reset" : "*topup", ct));
        dispatcher.Add<AttrSetBalance, string>("APIerSv1.DebitBalance", (a, ct) => ChangeBalanceAsync(a, "*debit", ct));
        dispatcher.Add<AttrSetBalances, string>("APIerSv1.SetBalances", SetBalancesAsync);
        dispatcher.Add<AttrLoadTpFromFolder, string>("APIerSv1.LoadTariffPlanFromFolder", LoadTariffPlanAsync);
        dispatcher.Add<AttrLoadTpFromFolder, string>("APIerSv1.RemoveTPFromFolder", RemoveTariffPlanAsync);
        dispatcher.Add<AttrExecuteAction, string>("APIerSv1.ExecuteAction", ExecuteActionAsync);
        RegisterAccounts(dispatcher);
        RegisterActions(dispatcher);
        RegisterActionsV2(dispatcher);
        RegisterRatingData(dispatcher);
        RegisterTimings(dispatcher);
        RegisterTriggers(dispatcher);
        RegisterScheduler(dispatcher);
        RegisterRatingPlanCost(dispatcher);
        RegisterDataCost(dispatcher);
        RegisterLoadIds(dispatcher);
        RegisterAccountCost(dispatcher);
        dispatcher.AddPing("APIerSv1");
        dispatcher.AddPing("APIerSv2");
    }

    /// <summary>utils.MissingStructFields: the mandatory fields a request left empty, in the order given.</summary>
    internal static string[] Missing(params ReadOnlySpan<(string Field, bool Empty)> fields)
    {
        List<string>? missing = null;
        foreach (var (field, empty) in fields)
        {
            if (empty)
            {
                (missing ??= []).Add(field);
            }
        }
        return missing is null ? [] : [.. missing];
    }

    private RpcResult<WrittenJson> GetCostJson(AttrGetCost args)
    {
        var result = GetCost(args);
        return result.IsError ? RpcResult.Fail<WrittenJson>(result.Error!) : EventCostJson.Deferred(result.Value);
    }

    /// <summary>apier/v1/costs.go GetCost.</summary>
    public RpcResult<EventCost> GetCost(AttrGetCost args)
    {
        var (cost, error) = CostQuery.Run(rals.Rating, args, defaultZone, clock.GetCurrentInstant(), defaultTenant, defaultCategory);
        return error is null ? cost! : RpcResult.Fail<EventCost>(error);
    }

    private async ValueTask<RpcResult<RawJson>> GetAccountAsync(AttrGetAccount args, Func<Account, RawJson> reply, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.Account))
        {
            return RpcResult.Fail<RawJson>(ErrorCodes.MandatoryIeMissingFields("Account"));
        }
        var account = await rals.Accounts.GetAsync(Or(args.Tenant, defaultTenant) + ":" + args.Account, ct).ConfigureAwait(false);
        return account is null ? RpcResult.Fail<RawJson>(ErrorCodes.NotFound) : reply(account);
    }

    private async ValueTask<RpcResult<RawJson>> GetAccountsAsync(AttrGetAccounts args, Func<IReadOnlyList<Account>, RawJson> reply, CancellationToken ct)
    {
        var tenant = Or(args.Tenant, defaultTenant);
        IReadOnlyList<string> ids = args.AccountIDs is { Length: > 0 } named
            ? [.. named.Select(id => tenant + ":" + id)]
            : await rals.Accounts.ListAsync(tenant, ct).ConfigureAwait(false);
        var parts = new List<Account>();
        foreach (var id in ids.Skip(Math.Max(0, args.Offset)).Take(args.Limit > 0 ? args.Limit : int.MaxValue))
        {
            if (await rals.Accounts.GetAsync(id, ct).ConfigureAwait(false) is not { } account)
            {
                continue;
            }
            if (args.Filter is { } filter && ((filter.TryGetValue("AllowNegative", out var neg) && account.AllowNegative != neg)
                || (filter.TryGetValue("Disabled", out var disabled) && account.Disabled != disabled)))
            {
                continue;
            }
            parts.Add(account);
        }
        return reply(parts);
    }

    private async ValueTask<RpcResult<string>> ChangeBalanceAsync(AttrSetBalance args, string actionType, CancellationToken ct)
    {
        var missing = Missing(("Account", string.IsNullOrEmpty(args.Account)), ("BalanceType", string.IsNullOrEmpty(args.BalanceType)));
        if (missing.Length > 0)
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields(missing));
        }
        var (filter, expiry, error) = BalanceArguments.Parse(args.Balance);
        if (error is not null)
        {
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(error));
        }
        if (actionType == "*set_balance" && string.IsNullOrEmpty(filter.ID) && string.IsNullOrEmpty(filter.Uuid))
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("BalanceID or BalanceUUID"));
        }
        var tenant = Or(args.Tenant, defaultTenant);
        // CGRateS takes |Value|: the action type says which way it goes.
        var value = Math.Abs(args.Value);
        var result = actionType switch
        {
            "*set_balance" => await rals.SetBalanceAsync(tenant, args.Account!, args.BalanceType!, value, filter, expiry, args.Cdrlog, ct).ConfigureAwait(false),
            "*debit" => await rals.DebitBalanceAsync(tenant, args.Account!, args.BalanceType!, value, filter, args.Cdrlog, ct).ConfigureAwait(false),
            _ => await rals.AddBalanceAsync(tenant, args.Account!, args.BalanceType!, value, filter, actionType == "*topup_reset", expiry, args.Cdrlog, ct)
                .ConfigureAwait(false),
        };
        return result is null ? Ok : RpcResult.Fail<string>(result);
    }

    /// <summary>APIerSv1.SetBalances: each balance set in turn as APIerSv1.SetBalance sets it (with its
    /// <c>*publish_account</c> and, when asked, <c>*cdrlog</c>); the first failure stops the rest and is the answer.</summary>
    private async ValueTask<RpcResult<string>> SetBalancesAsync(AttrSetBalances args, CancellationToken ct)
    {
        var missing = Missing(("Account", string.IsNullOrEmpty(args.Account)), ("Balances", args.Balances is null));
        if (missing.Length > 0)
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields(missing));
        }
        foreach (var balance in args.Balances!)
        {
            var set = new AttrSetBalance
            {
                Tenant = args.Tenant,
                Account = args.Account,
                BalanceType = balance.BalanceType,
                Value = balance.Value,
                Balance = balance.Balance,
                Cdrlog = balance.Cdrlog,
            };
            if (await ChangeBalanceAsync(set, "*set_balance", ct).ConfigureAwait(false) is { IsError: true } failed)
            {
                return failed;
            }
        }
        return Ok;
    }

    private async ValueTask<RpcResult<string>> LoadTariffPlanAsync(AttrLoadTpFromFolder args, CancellationToken ct)
    {
        var (_, error) = await LoadFolderAsync(args, ct).ConfigureAwait(false);
        return error is null ? Ok : RpcResult.Fail<string>(error);
    }

    /// <summary>APIerSv1.RemoveTPFromFolder: what the folder's files define goes from the plan in force and the profiles
    /// (<see cref="RalsService.RemoveTariffPlanFolderAsync"/>); a dry run only reads and checks.</summary>
    private async ValueTask<RpcResult<string>> RemoveTariffPlanAsync(AttrLoadTpFromFolder args, CancellationToken ct)
    {
        var (_, error) = await WithFolderAsync(args, rals.RemoveTariffPlanFolderAsync, ct).ConfigureAwait(false);
        return error is null ? Ok : RpcResult.Fail<string>(error);
    }

    /// <summary>The folder loaded (or, for a dry run, only read and checked); the error CGRateS answers otherwise.</summary>
    private ValueTask<(TariffPlanLoadResult? Result, string? Error)> LoadFolderAsync(AttrLoadTpFromFolder args, CancellationToken ct) =>
        WithFolderAsync(args, rals.MergeTariffPlanFolderAsync, ct);

    /// <summary>The folder's plan applied by <paramref name="apply"/> once its path is checked, as CGRateS checks it.</summary>
    private async ValueTask<(TariffPlanLoadResult? Result, string? Error)> WithFolderAsync(AttrLoadTpFromFolder args,
        Func<string, bool, CancellationToken, Task<TariffPlanLoadResult>> apply, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.FolderPath))
        {
            return (null, ErrorCodes.MandatoryIeMissing + ":FolderPath");
        }
        if (!Directory.Exists(args.FolderPath))
        {
            return (null, ErrorCodes.InvalidPath);
        }
        var result = await apply(args.FolderPath, args.DryRun, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return (null, ErrorCodes.ServerErrorWith(TariffPlanLoadResult.Summary(result.Errors)));
        }
        await rals.Scheduler.WhenIdleAsync().ConfigureAwait(false);
        return (result, null);
    }

    private async ValueTask<RpcResult<string>> ExecuteActionAsync(AttrExecuteAction args, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.Account) || string.IsNullOrEmpty(args.ActionsId))
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("Account", "ActionsId"));
        }
        var error = await rals.ExecuteActionAsync(Or(args.Tenant, defaultTenant), args.Account, args.ActionsId, ct).ConfigureAwait(false);
        return error is null ? Ok : RpcResult.Fail<string>(error);
    }

    private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
}
