using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Obol.Esl.Testing;

/// <summary>Reads client commands: a first line, optional <c>Name: value</c> lines, an empty line.</summary>
internal static class FakeCommandReader
{
    public static async Task<(string Line, Dictionary<string, string> Headers)?> ReadAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryParse(ref buffer, out var command))
            {
                reader.AdvanceTo(buffer.Start);
                return command;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    private static bool TryParse(ref ReadOnlySequence<byte> buffer, out (string Line, Dictionary<string, string> Headers) command)
    {
        command = default;
        var reader = new SequenceReader<byte>(buffer);
        // Clients pad commands with extra newlines (CGRateS does); FreeSWITCH skips them.
        reader.AdvancePast((byte)'\n');
        var start = reader.Position;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> block, "\n\n"u8))
        {
            buffer = buffer.Slice(start);
            return false;
        }

        var lines = Encoding.UTF8.GetString(block).Split('\n');
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon]] = line[(colon + 1)..].TrimStart(' ').TrimEnd('\r');
            }
        }
        command = (lines[0].TrimEnd('\r'), headers);
        buffer = buffer.Slice(reader.Position);
        return true;
    }
}
