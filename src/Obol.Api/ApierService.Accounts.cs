using System.Text.Json;
using NodaTime;
using Obol.Accounting;
using Obol.Api.JsonRpc;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Api;

/// <summary>Account lifecycle, balance removal, triggers and max usage (apier/v1/accounts.go, triggers.go, auth.go; apier/v2).</summary>
public sealed partial class ApierService
{
    /// <summary>SessionS's default usage for <c>*voice</c> when a max-usage query gives none.</summary>
    private static readonly Usage s_defaultVoiceUsage = new(3L * 3600 * 1_000_000_000);

    private void RegisterAccounts(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<AttrSetAccountV1, string>("APIerSv1.SetAccount", (a, ct) => SetAccountAsync(a.Tenant, a.Account,
            string.IsNullOrEmpty(a.ActionPlanID) ? [] : [a.ActionPlanID], true,
            string.IsNullOrEmpty(a.ActionTriggersID) ? [] : [a.ActionTriggersID], true, a.ExtraOptions, ct));
        dispatcher.Add<AttrSetAccountV2, string>("APIerSv2.SetAccount", (a, ct) => SetAccountAsync(a.Tenant, a.Account, a.ActionPlanIDs ?? [],
            a.ActionPlansOverwrite, a.ActionTriggerIDs ?? [], a.ActionTriggerOverwrite, a.ExtraOptions, ct));
        dispatcher.Add<AttrGetAccount, string>("APIerSv1.RemoveAccount", RemoveAccountAsync);
        dispatcher.Add<AttrGetAccount, string>("APIerSv2.RemoveAccount", RemoveAccountAsync);
        dispatcher.Add<AttrSetBalance, string>("APIerSv1.RemoveBalances", RemoveBalancesAsync);
        dispatcher.Add<AttrGetAccount, JsonElement>("APIerSv1.GetAccountActionTriggers", GetAccountActionTriggersAsync);
        dispatcher.Add<UsageRecordArgs, long>("APIerSv1.GetMaxUsage", GetMaxUsageAsync);
        dispatcher.Add<TenantArgs, int>("APIerSv1.GetAccountsCount", async (a, ct) =>
            (await rals.Accounts.ListAsync(Or(a.Tenant, defaultTenant), ct).ConfigureAwait(false)).Count);
        dispatcher.Add<AttrTransferBalance, string>("APIerSv1.TransferBalance", TransferBalanceAsync);
        dispatcher.Add<PaginatorWithTenant, List<string>>("APIerSv1.GetAccountIDs", GetAccountIdsAsync);
        dispatcher.Add<UsageRecordArgs?, string>("APIerSv1.DebitUsage", (a, ct) => DebitUsageAsync(a, allowNegative: true, ct));
        dispatcher.Add<AttrDebitUsageWithOptions, string>("APIerSv1.DebitUsageWithOptions",
            (a, ct) => DebitUsageAsync(a.UsageRecord, a.AllowNegativeAccount, ct));
    }

    /// <summary>APIerSv1.TransferBalance. CGRateS never sets its reply, so a transfer that worked answers "".</summary>
    private async ValueTask<RpcResult<string>> TransferBalanceAsync(AttrTransferBalance args, CancellationToken ct)
    {
        var missing = Missing(("SourceAccountID", string.IsNullOrEmpty(args.SourceAccountID)), ("SourceBalanceID", string.IsNullOrEmpty(args.SourceBalanceID)),
            ("DestinationAccountID", string.IsNullOrEmpty(args.DestinationAccountID)),
            ("DestinationBalanceID", string.IsNullOrEmpty(args.DestinationBalanceID)), ("Units", args.Units == 0));
        if (missing.Length > 0)
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields(missing));
        }
        var error = await rals.TransferBalanceAsync(Or(args.Tenant, defaultTenant), args.SourceAccountID!, args.SourceBalanceID!, args.DestinationAccountID!,
            args.DestinationBalanceID!, args.DestinationReferenceValue, args.Units, args.Cdrlog, ct).ConfigureAwait(false);
        return error is null ? "" : RpcResult.Fail<string>(error);
    }

    /// <summary>APIerSv1.GetAccountIDs: a tenant's account IDs containing Search, paged; NOT_FOUND when there is none.</summary>
    private async ValueTask<RpcResult<List<string>>> GetAccountIdsAsync(PaginatorWithTenant args, CancellationToken ct)
    {
        var tenant = Or(args.Tenant, defaultTenant);
        var ids = (await rals.Accounts.ListAsync(tenant, ct).ConfigureAwait(false))
            .Select(id => id[(tenant.Length + 1)..])
            .Where(id => string.IsNullOrEmpty(args.Search) || id.Contains(args.Search, StringComparison.Ordinal))
            .ToList();
        return EventRequests.Page(ids, new TenantArgs { Limit = args.Limit, Offset = args.Offset });
    }

    private async ValueTask<RpcResult<string>> SetAccountAsync(string? tenant, string? account, IReadOnlyList<string> plans, bool plansOverwrite,
        IReadOnlyList<string> triggers, bool triggersOverwrite, Dictionary<string, bool>? options, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(account))
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("Account"));
        }
        bool? Option(string name) => options is not null && options.TryGetValue(name, out var v) ? v : null;
        var error = await rals.SetAccountAsync(Or(tenant, defaultTenant), account, plans, plansOverwrite, triggers, triggersOverwrite,
            Option("AllowNegative"), Option("Disabled"), ct).ConfigureAwait(false);
        return error is null ? Ok : RpcResult.Fail<string>(error);
    }

    private async ValueTask<RpcResult<string>> RemoveAccountAsync(AttrGetAccount args, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.Account))
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("Account"));
        }
        var error = await rals.RemoveAccountAsync(Or(args.Tenant, defaultTenant), args.Account, ct).ConfigureAwait(false);
        return error is null ? Ok : RpcResult.Fail<string>(error);
    }

    private async ValueTask<RpcResult<string>> RemoveBalancesAsync(AttrSetBalance args, CancellationToken ct)
    {
        var missing = Missing(("Account", string.IsNullOrEmpty(args.Account)), ("BalanceType", string.IsNullOrEmpty(args.BalanceType)));
        if (missing.Length > 0)
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields(missing));
        }
        var (filter, _, parseError) = BalanceArguments.Parse(args.Balance);
        if (parseError is not null)
        {
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(parseError));
        }
        var tenant = Or(args.Tenant, defaultTenant);
        if (await rals.Accounts.GetAsync(tenant + ":" + args.Account, ct).ConfigureAwait(false) is null)
        {
            return RpcResult.Fail<string>(ErrorCodes.NotFound);
        }
        var error = await rals.RemoveBalancesAsync(tenant, args.Account!, args.BalanceType!, filter, ct).ConfigureAwait(false);
        return error is null ? Ok : RpcResult.Fail<string>(error);
    }

    /// <summary>The account's triggers in CGRateS's JSON, as GetAccount shows them.</summary>
    private async ValueTask<RpcResult<JsonElement>> GetAccountActionTriggersAsync(AttrGetAccount args, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.Account))
        {
            return RpcResult.Fail<JsonElement>(ErrorCodes.MandatoryIeMissingFields("Account"));
        }
        var account = await rals.Accounts.GetAsync(Or(args.Tenant, defaultTenant) + ":" + args.Account, ct).ConfigureAwait(false);
        if (account is null)
        {
            return RpcResult.Fail<JsonElement>(ErrorCodes.ServerErrorWith(ErrorCodes.NotFound));
        }
        var triggers = ApierJson.Parse(AccountJson.Write(account)).GetProperty("ActionTriggers");
        return triggers.ValueKind == JsonValueKind.Null ? ApierJson.Parse("[]") : triggers;
    }

    /// <summary>apier/v1/auth.go GetMaxUsage: a usage record turned into a call descriptor, answered in nanoseconds (−1 unlimited).</summary>
    private async ValueTask<RpcResult<long>> GetMaxUsageAsync(UsageRecordArgs args, CancellationToken ct)
    {
        var (cd, invalid) = CallOf(args);
        if (invalid is not null)
        {
            return RpcResult.Fail<long>(invalid);
        }
        var (max, error) = await rals.Accounts.GetMaxUsageAsync(new DebitRequest(cd!), ct).ConfigureAwait(false);
        return error is null ? max.Nanoseconds : RpcResult.Fail<long>(error);
    }

    /// <summary>APIerSv1.DebitUsageWithOptions (and DebitUsage, which lets the account go negative): the usage record
    /// rated and debited through Responder.Debit.</summary>
    private async ValueTask<RpcResult<string>> DebitUsageAsync(UsageRecordArgs? record, bool allowNegative, CancellationToken ct)
    {
        var missing = Missing(("Account", string.IsNullOrEmpty(record?.Account)), ("Destination", string.IsNullOrEmpty(record?.Destination)),
            ("Usage", string.IsNullOrEmpty(record?.Usage)));
        if (missing.Length > 0)
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields(missing));
        }
        var (cd, invalid) = CallOf(record!);
        if (invalid is not null)
        {
            return RpcResult.Fail<string>(invalid);
        }
        var (_, error) = await rals.Accounts.DebitAsync(new DebitRequest(cd!) { DenyNegativeAccount = !allowNegative }, ct).ConfigureAwait(false);
        return error is null ? Ok : RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(error));
    }

    /// <summary>UsageRecord.AsCallDescriptor: the call from AnswerTime (SetupTime, or now) for Usage (3 h when unset).</summary>
    private (CallDescriptor? Call, string? Error) CallOf(UsageRecordArgs args)
    {
        var now = clock.GetCurrentInstant();
        var timeText = string.IsNullOrEmpty(args.AnswerTime) ? (string.IsNullOrEmpty(args.SetupTime) ? "*now" : args.SetupTime) : args.AnswerTime;
        if (!GoTime.TryParse(timeText, defaultZone, now, out var start))
        {
            return (null, ErrorCodes.ServerErrorWith("Unsupported time format"));
        }
        var usage = s_defaultVoiceUsage;
        if (!string.IsNullOrEmpty(args.Usage) && !Usage.TryParse(args.Usage, out usage))
        {
            return (null, ErrorCodes.ServerErrorWith($"time: invalid duration \"{args.Usage}\""));
        }
        var account = args.Account ?? "";
        return (new CallDescriptor
        {
            ToR = string.IsNullOrEmpty(args.ToR) ? Meta.Voice : args.ToR,
            Tenant = Or(args.Tenant, defaultTenant),
            Category = Or(args.Category, defaultCategory),
            Account = account,
            Subject = Or(args.Subject, account),
            Destination = args.Destination ?? "",
            TimeStart = start.ToInstant(),
            TimeEnd = start.ToInstant() + Duration.FromNanoseconds(usage.Nanoseconds),
            TimeZone = start.Zone,
            DurationIndex = usage,
        }, null);
    }
}

/// <summary>utils.AttrSetAccount (v1).</summary>
public sealed record AttrSetAccountV1(string? Tenant, string? Account, string? ActionPlanID, string? ActionTriggersID, Dictionary<string, bool>? ExtraOptions,
    bool ReloadScheduler);

/// <summary>engine.AttrSetAccount (v2).</summary>
public sealed record AttrSetAccountV2(string? Tenant, string? Account, string[]? ActionPlanIDs, bool ActionPlansOverwrite, string[]? ActionTriggerIDs,
    bool ActionTriggerOverwrite, Dictionary<string, bool>? ExtraOptions, bool ReloadScheduler);

/// <summary>engine.UsageRecord.</summary>
public sealed record UsageRecordArgs(string? ToR, string? RequestType, string? Tenant, string? Category, string? Account, string? Subject,
    string? Destination, string? SetupTime, string? AnswerTime, string? Usage, Dictionary<string, string>? ExtraFields);

/// <summary>v1.AttrDebitUsageWithOptions.</summary>
public sealed record AttrDebitUsageWithOptions(UsageRecordArgs? UsageRecord, bool AllowNegativeAccount);
