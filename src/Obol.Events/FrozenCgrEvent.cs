using NodaTime;
using Obol.Filters;

namespace Obol.Events;

/// <summary>
/// A <see cref="CgrEvent"/> frozen into <see cref="CompactEventDictionary"/>s, for holders that keep events for the length of
/// a call and mostly read them. <see cref="ToCgrEvent"/> gives a writable copy when one is needed.
/// </summary>
public sealed class FrozenCgrEvent
{
    private FrozenCgrEvent(string tenant, string id, Instant? time, CompactEventDictionary @event, CompactEventDictionary apiOpts)
    {
        Tenant = tenant;
        Id = id;
        Time = time;
        Event = @event;
        ApiOpts = apiOpts;
    }

    public string Tenant { get; }

    public string Id { get; }

    public Instant? Time { get; }

    public CompactEventDictionary Event { get; }

    public CompactEventDictionary ApiOpts { get; }

    /// <summary>Freezes <paramref name="source"/>; maps equal to <paramref name="sibling"/>'s (same keys, same value
    /// references, as a charger run's options usually are) are shared with it rather than copied.</summary>
    public static FrozenCgrEvent From(CgrEvent source, FrozenCgrEvent? sibling = null)
    {
        var ev = CompactEventDictionary.From(source.Event);
        var opts = CompactEventDictionary.From(source.ApiOpts);
        if (sibling is not null)
        {
            ev = ev.SameAs(sibling.Event) ? sibling.Event : ev;
            opts = opts.SameAs(sibling.ApiOpts) ? sibling.ApiOpts : opts;
        }
        return new FrozenCgrEvent(source.Tenant, source.Id, source.Time, ev, opts);
    }

    /// <summary>A writable copy with maps of exactly the frozen size (values shared, as <see cref="CgrEvent.Clone"/>).</summary>
    public CgrEvent ToCgrEvent() => new()
    {
        Tenant = Tenant,
        Id = Id,
        Time = Time,
        Event = Event.ToDictionary(),
        ApiOpts = ApiOpts.ToDictionary(),
    };

    public FilterEvent ToFilterEvent() => new(Event, ApiOpts);

    /// <summary>The field as a string (utils.IfaceAsString), or null when absent.</summary>
    public string? FieldAsString(string field) =>
        Event.TryGetValue(field, out var value) ? EventValues.AsString(value) : null;
}
