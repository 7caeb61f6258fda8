namespace Obol.Console;

/// <summary>A command of the table with its args struct resolved: defaults, usage, and the decoding of a line.</summary>
internal sealed class ConsoleCommand
{
    private IReadOnlyList<string>? _clientArgs;

    public ConsoleCommand(CommandSpec spec)
    {
        Spec = spec;
        ArgsType = GoTypes.Get(spec.ArgsType);
    }

    public CommandSpec Spec { get; }

    public string Name => Spec.Name;

    public GoType ArgsType { get; }

    /// <summary>The argument names shown by usage and -verbose, and offered by Tab completion.</summary>
    public IReadOnlyList<string> ClientArgs => _clientArgs ??= Spec.ClientArgs.Length > 0
        ? Spec.ClientArgs.Split(' ')
        : FieldNames(ArgsType);

    /// <summary>A fresh args struct as the command's RpcParams(true) builds it.</summary>
    public GoStruct NewArgs()
    {
        var args = new GoStruct(ArgsType);
        foreach (var assignment in Spec.Init.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (path, value) = (assignment[..assignment.IndexOf('=', StringComparison.Ordinal)], assignment[(assignment.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var holder = args;
            var names = path.Split('.');
            foreach (var name in names.SkipLast(1))
            {
                holder = (GoStruct)holder.Values[Field(holder, name).Index]!;
            }
            var field = Field(holder, names[^1]);
            holder.Values[field.Index] = value switch
            {
                "new" => new GoStruct(field.Type.Dereferenced),
                "map" => GoStruct.NewMap(),
                _ => (string?)GoJsonSyntax.Parse(value),
            };
        }
        return args;
    }

    /// <summary>The <c>help CMD</c> text: <c>\n\tUsage: name Key=default … \n</c>.</summary>
    public string Usage() => $"\n\tUsage: {Name} {KeyValueLine.FromJson(GoMarshaller.MarshalString(NewArgs()), [.. ClientArgs])} \n";

    /// <summary>FromArgs: the key=value line unmarshalled into fresh defaults.</summary>
    public GoStruct Parse(string line)
    {
        var args = NewArgs();
        GoUnmarshaller.Into(args, GoJsonSyntax.Parse(KeyValueLine.ToJson(line)));
        return args;
    }

    private static GoField Field(GoStruct holder, string name) =>
        holder.Type.Fields.FirstOrDefault(f => f.Name == name)
        ?? throw new InvalidOperationException($"internal bug: {holder.Type.Name} has no field {name}");

    // CommandExecuter.clientArgs: struct fields by Go name, nested and embedded structs flattened, time.Time kept whole.
    private static List<string> FieldNames(GoType type)
    {
        var names = new List<string>();
        foreach (var field in type.Fields)
        {
            var target = field.Type.Kind == GoKind.Pointer ? field.Type.Element! : field.Type;
            if (target.Kind == GoKind.Struct)
            {
                names.AddRange(FieldNames(target));
            }
            else
            {
                names.Add(field.Name);
            }
        }
        return names;
    }
}
