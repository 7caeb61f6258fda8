using System.Collections;

namespace Obol.Engine.Tests.OpenSips;

/// <summary>A json-c object under construction: keys keep the order they were first added in, as the module's
/// <c>$cgr</c>/<c>$cgr_opt</c> lists and <c>json_object_object_add</c> keep them; adding a key again replaces its value.</summary>
internal sealed class OrderedFields : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _fields = [];

    public OrderedFields()
    {
    }

    public OrderedFields(IEnumerable<KeyValuePair<string, object?>> fields) => _fields.AddRange(fields);

    public object? this[string key]
    {
        get => _fields.FirstOrDefault(f => f.Key == key).Value;
        set
        {
            var at = _fields.FindIndex(f => f.Key == key);
            if (at < 0)
            {
                _fields.Add(new(key, value));
            }
            else
            {
                _fields[at] = new(key, value);
            }
        }
    }

    public bool Has(string key) => _fields.Exists(f => f.Key == key);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
