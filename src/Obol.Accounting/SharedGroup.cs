namespace Obol.Accounting;

/// <summary>Accounts pooling balances (CGRateS SharedGroup): members debit each other's balances of the group.</summary>
public sealed class SharedGroup
{
    public string Id { get; init; } = "";

    /// <summary>Account id (or <c>*any</c>) → how that member's debits pick among the pooled balances.</summary>
    public Dictionary<string, SharingParameters> AccountParameters { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Member account ids (<c>tenant:account</c>).</summary>
    public HashSet<string> MemberIds { get; init; } = new(StringComparer.Ordinal);
}

/// <summary><c>*lowest</c>, <c>*highest</c>, <c>*random</c> or their <c>*mine_</c> forms (own balance first).</summary>
public sealed record SharingParameters(string Strategy, string RatingSubject);

/// <summary>Shared groups by id (the port storage implements).</summary>
public interface ISharedGroupSource
{
    SharedGroup? GetSharedGroup(string id);
}
