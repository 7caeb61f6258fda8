using System.Text.Json;

namespace Obol.Api;

// Argument types are settable-property records, not positional ones: System.Text.Json fills them five times faster
// than through a constructor, and these are decoded on every request.

/// <summary>v1.AttrGetCost (apier/v1/costs.go): Usage and AnswerTime are strings, as the console sends them.</summary>
public sealed record AttrGetCost
{
    public string? Tenant { get; init; }
    public string? Category { get; init; }
    public string? Subject { get; init; }
    public string? AnswerTime { get; init; }
    public string? Destination { get; init; }
    public string? Usage { get; init; }
}

/// <summary>utils.TenantAccount.</summary>
public sealed record AttrGetAccount
{
    public string? Tenant { get; init; }
    public string? Account { get; init; }
}

/// <summary>utils.AttrGetAccounts.</summary>
public sealed record AttrGetAccounts
{
    public string? Tenant { get; init; }
    public string[]? AccountIDs { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; }
    public Dictionary<string, bool>? Filter { get; init; }
}

/// <summary>utils.AttrSetBalance / AttrAddBalance: <see cref="Balance"/> holds the balance fields by name.</summary>
public sealed record AttrSetBalance
{
    public string? Tenant { get; init; }
    public string? Account { get; init; }
    public string? BalanceType { get; init; }
    public decimal Value { get; init; }
    public Dictionary<string, JsonElement>? Balance { get; init; }
    public bool Overwrite { get; init; }

    /// <summary>Also run <c>*cdrlog</c>: the change is written as a CDR.</summary>
    public bool Cdrlog { get; init; }
}

/// <summary>utils.AttrSetBalances.</summary>
public sealed record AttrSetBalances
{
    public string? Tenant { get; init; }
    public string? Account { get; init; }
    public IReadOnlyList<AttrBalance>? Balances { get; init; }
}

/// <summary>utils.AttrBalance, one of <see cref="AttrSetBalances"/>.</summary>
public sealed record AttrBalance
{
    public string? BalanceType { get; init; }
    public decimal Value { get; init; }
    public Dictionary<string, JsonElement>? Balance { get; init; }
    public bool Cdrlog { get; init; }
}

/// <summary>utils.AttrLoadTpFromFolder.</summary>
public sealed record AttrLoadTpFromFolder(string? FolderPath, bool DryRun);

/// <summary>utils.AttrExecuteAction.</summary>
public sealed record AttrExecuteAction(string? Tenant, string? Account, string? ActionsId);

/// <summary>utils.AttrTransferBalance.</summary>
public sealed record AttrTransferBalance(string? Tenant, string? SourceAccountID, string? SourceBalanceID, string? DestinationAccountID,
    string? DestinationBalanceID, decimal? DestinationReferenceValue, decimal Units, bool Cdrlog);

/// <summary>utils.PaginatorWithTenant.</summary>
public sealed record PaginatorWithTenant(string? Tenant, string? Search, int? Limit, int? Offset);
