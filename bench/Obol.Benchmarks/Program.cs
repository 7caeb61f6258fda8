using BenchmarkDotNet.Running;
using Obol.Benchmarks.Accounting;

namespace Obol.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project bench/Obol.Benchmarks -- --filter '*'</c>;
/// <c>-- accounts-memory</c> measures the memory of a million accounts instead, <c>-- sessions-memory</c> that of 10,000
/// active sessions.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["accounts-memory", ..])
        {
            AccountMemory.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
            return;
        }
        if (args is ["sessions-memory", ..])
        {
            Sessions.SessionMemory.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
