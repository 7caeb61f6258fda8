using System.Text.Json.Serialization;
using Obol.Events;

namespace Obol.Chargers;

/// <summary>One forked run of ChargerSv1.ProcessEvent (ChrgSProcessEventReply).</summary>
public sealed record ChargerRun(
    [property: JsonPropertyName("ChargerSProfile")] string ChargerSProfile,
    [property: JsonPropertyName("AttributeSProfiles")] IReadOnlyList<string>? AttributeSProfiles,
    [property: JsonPropertyName("AlteredFields")] IReadOnlyList<string> AlteredFields,
    [property: JsonPropertyName("CGREvent")] CgrEvent CgrEvent);

/// <summary>ChargerSv1.ProcessEvent's reply: the runs, heaviest profile first, or CGRateS's error.</summary>
public sealed record ChargerProcessResult(IReadOnlyList<ChargerRun> Runs, string? Error)
{
    public bool Succeeded => Error is null;

    internal static ChargerProcessResult Failure(string error) => new([], error);
}

/// <summary>ChargerSv1.GetChargersForEvent's reply: the matching profiles, heaviest first, or the error.</summary>
public sealed record ChargerLookupResult(IReadOnlyList<ChargerProfile> Profiles, string? Error)
{
    public bool Succeeded => Error is null;
}
