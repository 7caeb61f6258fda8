using System.Buffers;

namespace Obol.Evapi.Tests;

/// <summary>Builds multi-segment sequences, the shape a pipe hands out when reads split a frame.</summary>
internal sealed class SequenceSegments : ReadOnlySequenceSegment<byte>
{
    private SequenceSegments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>One segment per chunk, split at the given offsets.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] cuts)
    {
        var bounds = cuts.Prepend(0).Append(bytes.Length).ToArray();
        var first = new SequenceSegments(bytes.AsMemory(bounds[0], bounds[1] - bounds[0]), 0);
        var last = first;
        for (var i = 1; i < bounds.Length - 1; i++)
        {
            var next = new SequenceSegments(bytes.AsMemory(bounds[i], bounds[i + 1] - bounds[i]), bounds[i]);
            last.Next = next;
            last = next;
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
