using Obol.Api.JsonRpc;

namespace Obol.Console;

/// <summary>
/// Runs one console line as cmd/cgr-console's executeCommand does: <c>help</c>, local commands, or an RPC whose reply
/// is formatted per command. Everything, errors included, goes to the output as cgr-console prints it.
/// </summary>
internal sealed class CommandExecutor(Func<CancellationToken, Task<JsonRpcClient>> connect, TextWriter output, bool verbose,
    TimeSpan replyTimeout)
{
    public async Task ExecuteAsync(string line, CancellationToken cancellationToken)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0)
        {
            return;
        }
        if (trimmed == "help")
        {
            await output.WriteLineAsync("Commands:");
            foreach (var each in CommandRegistry.SortedNames)
            {
                await output.WriteLineAsync(each + " " + CommandRegistry.Commands[each].Usage());
            }
            return;
        }
        if (line.StartsWith("help", StringComparison.Ordinal))
        {
            var words = line.Split(' ');
            if (words.Length > 1)
            {
                await output.WriteAsync(CommandRegistry.Commands.TryGetValue(words[1], out var help)
                    ? help.Usage()
                    : "Available commands: " + string.Concat(CommandRegistry.SortedNames.Select(n => n + " ")) + "\n");
                return;
            }
        }
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var (name, argsLine) = space <= 0 ? (line, "") : (line[..space], line[(space + 1)..]);
        if (!CommandRegistry.Commands.TryGetValue(name, out var command))
        {
            await output.WriteLineAsync(CommandRegistry.AvailableCommands());
            return;
        }
        GoStruct args;
        try
        {
            args = command.Parse(argsLine);
        }
        catch (FormatException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return;
        }
        if (verbose)
        {
            await output.WriteLineAsync(command.Name + " " + KeyValueLine.FromJson(GoMarshaller.MarshalString(args), [.. command.ClientArgs]));
        }
        var (method, param, error) = Prepare(command, args);
        if (error is not null)
        {
            await output.WriteLineAsync(error);
            return;
        }
        if (method.Length == 0)
        {
            await output.WriteLineAsync(command.Name == "parse" ? ParseCommand.Execute(args) : "");
            return;
        }
        await output.WriteLineAsync(await CallAsync(command, method, param, cancellationToken));
    }

    /// <summary>PostprocessRpcParams and the wrapper unpacking: the method to call and the JSON param to send.</summary>
    internal static (string Method, byte[] Param, string? Error) Prepare(ConsoleCommand command, GoStruct args)
    {
        var method = command.Spec.Method;
        if (command.Name == "ping")
        {
            // ping's item picks the service; the param sent is an empty CGREvent whatever was typed.
            method = CommandRegistry.PingTargets.GetValueOrDefault(((string)args.Values[0]!).ToLowerInvariant(), "");
            return (method, GoMarshaller.Marshal(new GoStruct(GoTypes.Get("utils.CGREvent"))), null);
        }
        if (command.Name == "ratingprofile_remove"
            && GoMarshaller.MarshalString(args) == GoMarshaller.MarshalString(new GoStruct(command.ArgsType)))
        {
            return (method, [], "MANDATORY_IE_MISSING");
        }
        if (command.Spec.StampTime)
        {
            StampTime(args);
        }
        var param = command.Spec.Wrapper switch
        {
            ParamWrapper.Empty => "\"\""u8.ToArray(),
            ParamWrapper.String => GoMarshaller.Marshal(args.Values[0]),
            _ => GoMarshaller.Marshal(args),
        };
        return (method, param, null);
    }

    private static void StampTime(GoStruct args)
    {
        var time = args.Type.JsonFields.FirstOrDefault(f => f.JsonName == "Time" && f.Field.Type.Kind == GoKind.Pointer);
        if (time is null)
        {
            return;
        }
        var holder = args;
        foreach (var step in time.Path.SkipLast(1))
        {
            if (holder.Values[step.Index] is not GoStruct next)
            {
                return;
            }
            holder = next;
        }
        holder.Values[time.Field.Index] ??= GoTime.Now();
    }

    private async Task<string> CallAsync(ConsoleCommand command, string method, byte[] param, CancellationToken cancellationToken)
    {
        try
        {
            var client = await connect(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(replyTimeout);
            JsonRpcReply reply;
            try
            {
                reply = await client.CallRawAsync(method, param, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return "Error executing command: TIMED_OUT";
            }
            return reply.Error is not null
                ? "Error executing command: " + reply.Error
                : ResultFormatter.Format(command.Spec, reply.Result.Span);
        }
        catch (IOException ex)
        {
            return "Error executing command: " + ex.Message;
        }
        catch (FormatException ex)
        {
            // The reply was not JSON; Go's client would fail the call the same way.
            return "Error executing command: " + ex.Message;
        }
    }
}
