using Obol.Primitives;

namespace Obol.TariffPlans;

/// <summary>SharedGroups.csv: one member rule per row.</summary>
public sealed record TpSharedGroup(SourceLocation Location, string Id, string Account, string Strategy, string RatingSubject);

/// <summary>
/// Actions.csv: one action per row; rows with the same ActionsId form one action list. The balance columns stay
/// strings because empty and <c>*any</c> mean "do not filter/set" (tpreader.go LoadActions); they are validated.
/// </summary>
public sealed record TpAction(
    SourceLocation Location,
    string ActionsId,
    string ActionType,
    string ExtraParameters,
    string Filters,
    string BalanceId,
    string BalanceType,
    string[] Categories,
    string[] DestinationIds,
    string RatingSubject,
    string[] SharedGroups,
    string ExpiryTime,
    string[] TimingIds,
    string Units,
    string BalanceWeight,
    string BalanceBlocker,
    string BalanceDisabled,
    decimal Weight);

/// <summary>ActionPlans.csv: one scheduled action list per row.</summary>
public sealed record TpActionPlan(SourceLocation Location, string Id, string ActionsId, string TimingId, decimal Weight);

/// <summary>ActionTriggers.csv: one trigger per row; rows with the same Id form one trigger set.</summary>
public sealed record TpActionTrigger(
    SourceLocation Location,
    string Id,
    string UniqueId,
    string ThresholdType,
    decimal ThresholdValue,
    bool Recurrent,
    Usage MinSleep,
    string ExpiryTime,
    string ActivationTime,
    string BalanceId,
    string BalanceType,
    string[] BalanceCategories,
    string[] BalanceDestinationIds,
    string BalanceRatingSubject,
    string[] BalanceSharedGroups,
    string BalanceExpiryTime,
    string[] BalanceTimingIds,
    string BalanceWeight,
    string BalanceBlocker,
    string BalanceDisabled,
    string ActionsId,
    decimal Weight);

/// <summary>AccountActions.csv: one account per row. Empty plan or trigger ids mean none.</summary>
public sealed record TpAccountAction(
    SourceLocation Location,
    string Tenant,
    string Account,
    string ActionPlanId,
    string ActionTriggersId,
    bool AllowNegative,
    bool Disabled);
