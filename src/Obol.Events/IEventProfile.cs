namespace Obol.Events;

/// <summary>What every event-subsystem profile has: a tenant, an ID and the filters that select it.</summary>
public interface IEventProfile
{
    string Tenant { get; }

    string Id { get; }

    IReadOnlyList<string> FilterIds { get; }
}
