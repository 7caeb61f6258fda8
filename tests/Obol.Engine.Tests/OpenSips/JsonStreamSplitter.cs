using System.Text;

namespace Obol.Engine.Tests.OpenSips;

/// <summary>
/// Cuts a byte stream into its back-to-back JSON objects, as the module's json-c tokener does on each read: nothing
/// separates the objects (the engine ends each with a newline, the module with nothing), and one read may hold several
/// or part of one.
/// </summary>
internal sealed class JsonStreamSplitter
{
    private readonly List<byte> _pending = [];
    private int _depth;
    private bool _inString;
    private bool _escaped;

    /// <summary>Takes the bytes just read; returns the objects they complete.</summary>
    public IReadOnlyList<string> Feed(ReadOnlySpan<byte> bytes)
    {
        var complete = new List<string>();
        foreach (var b in bytes)
        {
            if (_depth == 0 && b != (byte)'{')
            {
                continue; // whitespace between objects
            }
            _pending.Add(b);
            if (_inString)
            {
                if (_escaped)
                {
                    _escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    _escaped = true;
                }
                else if (b == (byte)'"')
                {
                    _inString = false;
                }
                continue;
            }
            switch (b)
            {
                case (byte)'"':
                    _inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    _depth++;
                    break;
                case (byte)'}' or (byte)']':
                    _depth--;
                    break;
            }
            if (_depth == 0)
            {
                complete.Add(Encoding.UTF8.GetString([.. _pending]));
                _pending.Clear();
            }
        }
        return complete;
    }
}
