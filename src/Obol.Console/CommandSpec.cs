namespace Obol.Console;

/// <summary>How cgr-console turns the decoded args struct into the RPC's single param (cmd/cgr-console executeCommand).</summary>
internal enum ParamWrapper
{
    /// <summary>The struct itself.</summary>
    None,
    /// <summary><c>EmptyWrapper</c>: the empty string.</summary>
    Empty,
    /// <summary><c>StringWrapper</c>: the <c>Item</c> string alone.</summary>
    String,
}

/// <summary>Which of console/command_executer.go's result printers a command uses.</summary>
internal enum ResultFormat
{
    /// <summary><c>json.MarshalIndent(result, "", " ")</c>.</summary>
    Indented,
    /// <summary><c>GetFormatedResult</c>: an object re-serialised with sorted members and ns fields as durations.</summary>
    SortedMap,
    /// <summary><c>GetFormatedSliceResult</c>: the same for an array.</summary>
    SortedSlice,
    /// <summary>A bare <c>time.Duration</c> printed as a quoted Go duration string.</summary>
    Duration,
}

/// <param name="Name">The console command.</param>
/// <param name="Method">The RPC method; empty for local commands (<c>parse</c>, <c>ping</c> picks its own).</param>
/// <param name="ArgsType">The Go struct the key=value line unmarshals into, a key of <see cref="GoStructCatalog"/>.</param>
/// <param name="Wrapper">How the decoded struct becomes the RPC param.</param>
/// <param name="Init">CGRateS's non-zero initial values, space-separated <c>Path=value</c> with <c>new</c> for an
/// allocated pointer, <c>map</c> for an empty map, otherwise a JSON literal.</param>
/// <param name="ClientArgs">The fields <c>help</c> shows when the command overrides ClientArgs; empty means every
/// field of the struct, nested structs flattened.</param>
/// <param name="Format">The result printer.</param>
/// <param name="DurationFields">Result members printed as Go durations by the sorted formats.</param>
/// <param name="StampTime">PostprocessRpcParams sets the event's missing Time to now.</param>
internal sealed record CommandSpec(
    string Name,
    string Method,
    string ArgsType,
    ParamWrapper Wrapper,
    string Init = "",
    string ClientArgs = "",
    ResultFormat Format = ResultFormat.Indented,
    string DurationFields = "",
    bool StampTime = false);
