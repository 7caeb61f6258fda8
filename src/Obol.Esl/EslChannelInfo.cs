namespace Obol.Esl;

/// <summary>One row of <c>show channels</c>: the channel UUID and the columns by header name.</summary>
/// <param name="Uuid">The <c>uuid</c> column: the channel's Unique-ID.</param>
/// <param name="Fields">
/// Column values by header name. When a value contained the delimiter so that the row no longer lines up with the
/// header, only the leading <c>uuid</c> column is kept.
/// </param>
public sealed record EslChannelInfo(string Uuid, IReadOnlyDictionary<string, string> Fields);
