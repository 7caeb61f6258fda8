using Obol.Events;

namespace Obol.Attributes;

/// <summary>
/// AttributeSv1.ProcessEvent's reply (AttrSProcessEventReply) or its error. With <c>NOT_FOUND</c> the lists are
/// empty and <see cref="Event"/> still holds the processed copy, as an in-process (<c>*internal</c>) CGRateS caller
/// sees it; with any other error there is no event.
/// </summary>
public sealed class AttributeProcessResult
{
    internal AttributeProcessResult(string? error, IReadOnlyList<string> matchedProfiles, IReadOnlyList<string> alteredFields, CgrEvent? cgrEvent)
    {
        Error = error;
        MatchedProfiles = matchedProfiles;
        AlteredFields = alteredFields;
        Event = cgrEvent;
    }

    /// <summary>CGRateS's error text: <c>NOT_FOUND</c>, <c>SERVER_ERROR: ...</c>, <c>MANDATORY_IE_MISSING: [X]</c>.</summary>
    public string? Error { get; }

    public bool Succeeded => Error is null;

    /// <summary>The profiles applied, one per process run, as <c>tenant:ID</c> (inline ones by their rule text).</summary>
    public IReadOnlyList<string> MatchedProfiles { get; }

    /// <summary>The paths written, each once, ordinal order (<c>*req.RequestType</c>, <c>*tenant</c>).</summary>
    public IReadOnlyList<string> AlteredFields { get; }

    /// <summary>The altered copy of the event; the caller's event is never changed.</summary>
    public CgrEvent? Event { get; }

    internal static AttributeProcessResult Failure(string error) => new(error, [], [], null);
}

/// <summary>AttributeSv1.GetAttributeForEvent's reply: the profile that would be applied first, or the error.</summary>
public sealed record AttributeLookupResult(AttributeProfile? Profile, string? Error)
{
    public bool Succeeded => Error is null;
}
