using System.Buffers;

namespace Obol.Evapi;

/// <summary>
/// Receives one payload (the bytes inside a netstring). The bytes are valid only until the returned task
/// completes: parse them (<see cref="KamEvent.Parse(in ReadOnlySequence{byte})"/>) before going asynchronous.
/// </summary>
public delegate ValueTask EvapiMessageHandler(ReadOnlySequence<byte> payload, CancellationToken cancellationToken);
