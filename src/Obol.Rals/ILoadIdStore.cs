using System.Collections.Immutable;

namespace Obol.Rals;

/// <summary>Where <see cref="LoadIds"/> are kept across restarts (storage implements it).</summary>
public interface ILoadIdStore
{
    Task<LoadIdState?> LoadAsync(CancellationToken cancellationToken = default);

    Task SaveAsync(LoadIdState state, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="LoadIds"/> keeps: each partition's load ID, and the loads newest first.</summary>
public sealed record LoadIdState(ImmutableSortedDictionary<string, long> Ids, ImmutableList<LoadInstance> History)
{
    public static LoadIdState Empty { get; } = new(ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal), []);
}
