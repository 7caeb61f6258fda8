namespace Obol.Cdrs;

/// <summary>
/// Why an event field could not become a CDR field. <see cref="Message"/> is Go's error text (what CGRateS logs);
/// <see cref="Field"/> names the field, which Go leaves out. On the wire CDRsV1.ProcessEvent answers
/// <c>PARTIALLY_EXECUTED</c> for any of these.
/// </summary>
public sealed record CdrFieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
