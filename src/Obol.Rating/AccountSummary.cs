using System.Text.Json.Serialization;

namespace Obol.Rating;

/// <summary>
/// engine.AccountSummary: the paying account's balances as a debit left them, carried by the debit's cost into its
/// EventCost, each balance with the value it had before the cost's first debit (<see cref="BalanceSummary.Initial"/>).
/// </summary>
public sealed class AccountSummary
{
    public string Tenant { get; init; } = "";

    public string AccountID { get; init; } = "";

    /// <summary>Null for an account without balances, as CGRateS leaves the slice nil. An array: a held call keeps its
    /// run's latest summary, and a list's own object would cost each one more.</summary>
    public BalanceSummary[]? BalanceSummaries { get; set; }

    public bool AllowNegative { get; init; }

    public bool Disabled { get; init; }

    /// <summary>
    /// AccountSummary.SetInitialValue: each balance's Initial is its value in <paramref name="before"/>, the summary taken
    /// before the debit; a balance the debit removed (expired) is kept with Value and Initial 0.
    /// </summary>
    public AccountSummary WithInitialValues(AccountSummary? before) => Carry(before, static b => b.Value);

    /// <summary>
    /// AccountSummary.UpdateInitialValue: each balance keeps the Initial it had in <paramref name="earlier"/>, the summary
    /// of an earlier debit of the same cost, so Initial stays the value before the cost's first debit.
    /// </summary>
    public AccountSummary WithInitialValuesOf(AccountSummary? earlier) => Carry(earlier, static b => b.Initial);

    private AccountSummary Carry(AccountSummary? other, Func<BalanceSummary, decimal> initial)
    {
        if (other?.BalanceSummaries is not { } olds)
        {
            return this;
        }
        List<BalanceSummary>? gone = null;
        foreach (var old in olds)
        {
            var current = BalanceSummaries is { } balances ? Array.Find(balances, b => b.UUID == old.UUID) : null;
            if (current is not null)
            {
                current.Initial = initial(old);
            }
            else
            {
                (gone ??= []).Add(old.Gone());
            }
        }
        if (gone is not null)
        {
            BalanceSummaries = [.. BalanceSummaries ?? [], .. gone];
        }
        return this;
    }
}

/// <summary>engine.BalanceSummary, its properties in the wire order; Weight and Factors are omitted from the JSON when empty.</summary>
public sealed class BalanceSummary
{
    public string UUID { get; init; } = "";

    public string ID { get; init; } = "";

    public string Type { get; init; } = "";

    /// <summary>The balance's value before the cost's first debit.</summary>
    public decimal Initial { get; set; }

    public decimal Value { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public decimal Weight { get; init; }

    public bool Disabled { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, decimal>? Factors { get; init; }

    internal BalanceSummary Gone() => new() { UUID = UUID, ID = ID, Type = Type, Weight = Weight, Disabled = Disabled, Factors = Factors };
}
