namespace Obol.Api.TpRows;

/// <summary>What every row shape carries: the TPid it belongs to.</summary>
internal interface ITpRow
{
    string? TPid { get; }
}

/// <summary>
/// The arguments of the GetTP…/RemoveTP… methods: each names its ID its own way (v1.AttrGetTPDestination's ID,
/// AttrGetTPRatingProfile's RatingProfileID, AttrGetTPAccountActions's AccountActionsId, utils.TPTntID's Tenant and
/// ID); a table reads the fields of its own.
/// </summary>
public sealed record TpKeyArgs(string? TPid, string? ID, string? Tenant, string? RatingProfileID, string? AccountActionsId)
{
    /// <summary>APIerSv2's name for a destination's ID (v2.AttrGetTPDestination).</summary>
    public string? Tag { get; init; }
}

/// <summary>The arguments of the GetTP…Ids methods (a TPid and utils.PaginatorWithSearch).</summary>
public sealed record TpIdsArgs(string? TPid, string? Search, int? Limit, int? Offset);
