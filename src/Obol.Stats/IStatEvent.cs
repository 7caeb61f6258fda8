namespace Obol.Stats;

/// <summary>
/// The event a stat metric reads, addressed the way CGRateS's DataProvider is: <c>*req.Usage</c> is field
/// <c>Usage</c> of the request (the <c>~</c> of a metric parameter is already stripped). Values are what the event
/// carries: strings, numbers (<see cref="long"/>, <see cref="decimal"/>, <see cref="double"/>),
/// <see cref="Obol.Primitives.Usage"/>, NodaTime instants, booleans.
/// </summary>
public interface IStatEvent
{
    /// <summary>False when the path is absent (CGRateS's NOT_FOUND), which metrics treat differently from a bad value.</summary>
    bool TryGet(string path, out object? value);
}
