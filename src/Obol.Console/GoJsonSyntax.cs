using System.Globalization;
using System.Text;

namespace Obol.Console;

/// <summary>A JSON number kept as written, so integer fields see exactly what the user typed.</summary>
internal sealed record GoJsonNumber(string Text);

/// <summary>A JSON object with its members in order, duplicates kept (the last one wins when decoded, as in Go).</summary>
internal sealed class GoJsonObject : List<KeyValuePair<string, object?>>;

/// <summary>
/// Parses JSON into <see cref="GoJsonObject"/>, <see cref="List{T}"/>, string, <see cref="GoJsonNumber"/>, bool and
/// null, failing with the texts of Go's encoding/json scanner (<c>invalid character 'c' looking for beginning of
/// value</c>), since cgr-console prints the unmarshal error verbatim when a key=value line is not valid JSON.
/// </summary>
internal sealed class GoJsonSyntax
{
    private readonly string _text;
    private int _pos;

    private GoJsonSyntax(string text) => _text = text;

    public static object? Parse(string text)
    {
        var parser = new GoJsonSyntax(text);
        var value = parser.Value("looking for beginning of value");
        parser.SkipSpace();
        if (parser._pos < text.Length)
        {
            throw parser.Invalid("after top-level value");
        }
        return value;
    }

    private object? Value(string context)
    {
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw End();
        }
        var c = _text[_pos];
        switch (c)
        {
            case '{':
                return Object();
            case '[':
                return Array();
            case '"':
                return String();
            case 't':
                Literal("true");
                return true;
            case 'f':
                Literal("false");
                return false;
            case 'n':
                Literal("null");
                return null;
            case '-' or (>= '0' and <= '9'):
                return Number();
            default:
                throw Invalid(context);
        }
    }

    private GoJsonObject Object()
    {
        var members = new GoJsonObject();
        _pos++;
        SkipSpace();
        if (Peek() == '}')
        {
            _pos++;
            return members;
        }
        while (true)
        {
            SkipSpace();
            if (_pos >= _text.Length)
            {
                throw End();
            }
            if (_text[_pos] != '"')
            {
                throw Invalid("looking for beginning of object key string");
            }
            var key = String();
            SkipSpace();
            if (_pos >= _text.Length)
            {
                throw End();
            }
            if (_text[_pos] != ':')
            {
                throw Invalid("after object key");
            }
            _pos++;
            members.Add(new(key, Value("looking for beginning of value")));
            SkipSpace();
            if (_pos >= _text.Length)
            {
                throw End();
            }
            if (_text[_pos] == '}')
            {
                _pos++;
                return members;
            }
            if (_text[_pos] != ',')
            {
                throw Invalid("after object key:value pair");
            }
            _pos++;
        }
    }

    private List<object?> Array()
    {
        var items = new List<object?>();
        _pos++;
        SkipSpace();
        if (Peek() == ']')
        {
            _pos++;
            return items;
        }
        while (true)
        {
            items.Add(Value("looking for beginning of value"));
            SkipSpace();
            if (_pos >= _text.Length)
            {
                throw End();
            }
            if (_text[_pos] == ']')
            {
                _pos++;
                return items;
            }
            if (_text[_pos] != ',')
            {
                throw Invalid("after array element");
            }
            _pos++;
        }
    }

    private string String()
    {
        var text = new StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw End();
            }
            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return text.ToString();
            }
            if (c < 0x20)
            {
                throw Invalid("in string literal");
            }
            if (c != '\\')
            {
                text.Append(c);
                _pos++;
                continue;
            }
            _pos++;
            if (_pos >= _text.Length)
            {
                throw End();
            }
            c = _text[_pos];
            switch (c)
            {
                case '"' or '\\' or '/':
                    text.Append(c);
                    break;
                case 'b':
                    text.Append('\b');
                    break;
                case 'f':
                    text.Append('\f');
                    break;
                case 'n':
                    text.Append('\n');
                    break;
                case 'r':
                    text.Append('\r');
                    break;
                case 't':
                    text.Append('\t');
                    break;
                case 'u':
                    var code = 0;
                    for (var i = 0; i < 4; i++)
                    {
                        _pos++;
                        if (_pos >= _text.Length)
                        {
                            throw End();
                        }
                        if (!Uri.IsHexDigit(_text[_pos]))
                        {
                            throw Invalid("in \\u hexadecimal character escape");
                        }
                        code = (code * 16) + int.Parse(_text.AsSpan(_pos, 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    }
                    text.Append((char)code);
                    break;
                default:
                    throw Invalid("in string escape code");
            }
            _pos++;
        }
    }

    private GoJsonNumber Number()
    {
        var start = _pos;
        if (_text[_pos] == '-')
        {
            _pos++;
            RequireDigit();
        }
        if (_text[_pos] == '0')
        {
            _pos++;
        }
        else
        {
            Digits();
        }
        if (Peek() == '.')
        {
            _pos++;
            RequireDigit();
            Digits();
        }
        if (Peek() is 'e' or 'E')
        {
            _pos++;
            if (Peek() is '+' or '-')
            {
                _pos++;
            }
            RequireDigit();
            Digits();
        }
        return new GoJsonNumber(_text[start.._pos]);
    }

    private void RequireDigit()
    {
        if (_pos >= _text.Length)
        {
            throw End();
        }
        if (!char.IsAsciiDigit(_text[_pos]))
        {
            throw Invalid("in numeric literal");
        }
    }

    private void Digits()
    {
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }
    }

    private void Literal(string word)
    {
        for (var i = 0; i < word.Length; i++, _pos++)
        {
            if (_pos >= _text.Length)
            {
                throw End();
            }
            if (_text[_pos] != word[i])
            {
                throw Invalid($"in literal {word} (expecting {Quote(word[i])})");
            }
        }
    }

    private char? Peek() => _pos < _text.Length ? _text[_pos] : null;

    private void SkipSpace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\r' or '\n')
        {
            _pos++;
        }
    }

    private FormatException Invalid(string context) =>
        new($"invalid character {Quote(_text[_pos])} {context}");

    private static FormatException End() => new("unexpected end of JSON input");

    // Go's quoteChar: the character in single quotes, escaped as strconv.Quote would.
    private static string Quote(char c) => c switch
    {
        '\'' => @"'\''",
        '"' => "'\"'",
        '\n' => @"'\n'",
        '\t' => @"'\t'",
        '\r' => @"'\r'",
        < ' ' => $"'\\x{(int)c:x2}'",
        _ => $"'{c}'",
    };
}
