using System.IO.Pipelines;

namespace Obol.Esl;

/// <summary>Reads whole frames from a <see cref="PipeReader"/>, however the bytes were split across reads.</summary>
public sealed class EslFrameReader
{
    private readonly PipeReader _reader;

    public EslFrameReader(PipeReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
    }

    /// <summary>Returns the next frame, or null when the stream ended cleanly between frames.</summary>
    /// <exception cref="EslProtocolException">The stream holds something that is not a frame.</exception>
    /// <exception cref="IOException">The stream ended in the middle of a frame.</exception>
    public async ValueTask<EslFrame?> ReadFrameAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var parsed = false;
            try
            {
                if (EslFrameParser.TryParse(ref buffer, out var frame))
                {
                    parsed = true;
                    return frame;
                }
            }
            finally
            {
                // A parsed frame is consumed and the rest left unexamined so the next call sees it without waiting;
                // otherwise everything was examined and the next read must wait for more bytes.
                if (parsed)
                {
                    _reader.AdvanceTo(buffer.Start);
                }
                else
                {
                    _reader.AdvanceTo(buffer.Start, result.Buffer.End);
                }
            }

            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty)
                {
                    throw new IOException($"The connection closed in the middle of a frame ({buffer.Length} bytes unread).");
                }
                return null;
            }
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The frame read was cancelled.");
            }
        }
    }
}
