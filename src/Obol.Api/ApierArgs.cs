using System.Text.Json;

namespace Obol.Api;

/// <summary>v1.AttrGetCost (apier/v1/costs.go): Usage and AnswerTime are strings, as the console sends them.</summary>
public sealed record AttrGetCost(string? Tenant, string? Category, string? Subject, string? AnswerTime, string? Destination, string? Usage);

/// <summary>utils.TenantAccount.</summary>
public sealed record AttrGetAccount(string? Tenant, string? Account);

/// <summary>utils.AttrGetAccounts.</summary>
public sealed record AttrGetAccounts(string? Tenant, string[]? AccountIDs, int Offset, int Limit, Dictionary<string, bool>? Filter);

/// <summary>utils.AttrSetBalance / AttrAddBalance: <see cref="Balance"/> holds the balance fields by name.</summary>
public sealed record AttrSetBalance(string? Tenant, string? Account, string? BalanceType, decimal Value, Dictionary<string, JsonElement>? Balance,
    bool Overwrite);

/// <summary>utils.AttrLoadTpFromFolder.</summary>
public sealed record AttrLoadTpFromFolder(string? FolderPath, bool DryRun);

/// <summary>utils.AttrExecuteAction.</summary>
public sealed record AttrExecuteAction(string? Tenant, string? Account, string? ActionsId);
