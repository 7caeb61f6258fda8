using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;
using Xunit;

namespace Obol.Exporters.Tests;

/// <summary>The tests that need a real broker share one <see cref="RabbitMqBroker"/>.</summary>
[CollectionDefinition(Name)]
public sealed class UsesRabbitMq : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "RabbitMQ broker";
}

/// <summary>
/// A throwaway RabbitMQ node for the collection: the distribution's <c>rabbitmq-server</c> run as a child process with
/// its own epmd, node name, ports and data/log directories under a temp directory, so it neither needs nor touches a
/// system broker. Missing binaries fail the tests (CI installs the <c>rabbitmq-server</c> package); they are never skipped.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    // Debian/Ubuntu/Fedora keep the real script in /usr/lib/rabbitmq/bin; their /usr/sbin one re-runs it as the rabbitmq
    // user, which would not see our temp directory. Generic installs have only the sbin script.
    private static readonly string[] s_serverCandidates =
        ["/usr/lib/rabbitmq/bin/rabbitmq-server", "/usr/sbin/rabbitmq-server", "/usr/local/sbin/rabbitmq-server"];

    private readonly string _home = Path.Combine(Path.GetTempPath(), "obol-rabbitmq-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Queue<string> _output = new();
    private Process? _epmd;
    private Process? _server;

    public int Port { get; private set; }

    /// <summary>The broker as an exporter's <c>export_path</c>.</summary>
    public string Url => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public async ValueTask InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // A half-started node or epmd must not outlive the run, whether or not the runner disposes a fixture whose start
            // failed (disposing twice is harmless).
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        var server = Locate("rabbitmq-server", s_serverCandidates)
            ?? throw new InvalidOperationException(
                "rabbitmq-server is not installed; the *amqp_json_map tests need a real broker: apt-get install -y rabbitmq-server " +
                "(.ci/run installs it).");
        var epmd = Locate("epmd", ["/usr/bin/epmd", "/usr/lib/erlang/bin/epmd", "/usr/local/bin/epmd"])
            ?? throw new InvalidOperationException(
                "epmd (Erlang) is not installed; it comes with rabbitmq-server's erlang-base dependency.");
        Directory.CreateDirectory(_home);
        await File.WriteAllTextAsync(Path.Combine(_home, "enabled_plugins"), "[].");
        // The default 50 MB free-disk alarm would block publishers on a nearly full CI disk.
        await File.WriteAllTextAsync(Path.Combine(_home, "rabbitmq.conf"), "disk_free_limit.absolute = 1MB\n");
        var (epmdPort, distPort, amqpPort) = FreePorts();
        Port = amqpPort;

        // Our own epmd on a private port: erl would otherwise start a daemon we could not tell apart from a shared one.
        _epmd = Start(epmd, ["-port", epmdPort.ToString(), "-address", "127.0.0.1"], []);
        using var deadline = new CancellationTokenSource(s_startTimeout);
        await WaitUntilAsync(() => Accepts(epmdPort), _epmd, "epmd", deadline.Token);

        _server = Start(server, [], new Dictionary<string, string>
        {
            ["HOME"] = _home,
            ["ERL_EPMD_PORT"] = epmdPort.ToString(),
            ["RABBITMQ_NODENAME"] = $"obol{Guid.NewGuid().ToString("N")[..8]}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = amqpPort.ToString(),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_home, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_home, "log"),
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_PID_FILE"] = Path.Combine(_home, "rabbitmq.pid"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_home, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_home, "rabbitmq.conf"),
            ["RABBITMQ_CONFIG_FILES"] = Path.Combine(_home, "conf.d"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_home, "advanced.config"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_home, "rabbitmq-env.conf"),
        });
        await WaitUntilAsync(AcceptsAmqpAsync, _server, "rabbitmq-server", deadline.Token);
    }

    /// <summary>A connection for the test's own declarations and reads.</summary>
    public Task<IConnection> ConnectAsync() =>
        new ConnectionFactory { Uri = new Uri(Url), AutomaticRecoveryEnabled = false }.CreateConnectionAsync();

    /// <summary>Takes every message in <paramref name="queue"/>, waiting up to 10 s for <paramref name="expected"/> of them.</summary>
    public async Task<List<BasicGetResult>> DrainAsync(string queue, int expected)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<BasicGetResult>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true);
            if (message is not null)
            {
                messages.Add(message);
            }
            else if (messages.Count >= expected || DateTime.UtcNow > deadline)
            {
                return messages;
            }
            else
            {
                await Task.Delay(20);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Nothing in the node is worth a graceful stop: it and its data directory are thrown away.
        await StopAsync(_server);
        await StopAsync(_epmd);
        (_server, _epmd) = (null, null);
        try
        {
            if (Directory.Exists(_home))
            {
                Directory.Delete(_home, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open by a dying child; the temp directory is cleaned eventually.
        }
    }

    private Process Start(string file, string[] arguments, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = _home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        // Drained so a chatty node never blocks on a full pipe; the tail explains a failed start.
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 40)
            {
                _output.Dequeue();
            }
        }
    }

    private async Task WaitUntilAsync(Func<Task<bool>> ready, Process process, string name, CancellationToken deadline)
    {
        while (!await ready())
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode} while starting:\n{Tail()}");
            }
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"{name} did not accept connections within {s_startTimeout.TotalSeconds}s:\n{Tail()}");
            }
            await Task.Delay(200, CancellationToken.None);
        }
    }

    private async Task<bool> AcceptsAmqpAsync()
    {
        if (!await Accepts(Port))
        {
            return false;
        }
        try
        {
            await using var connection = await ConnectAsync();
            return true;
        }
        catch (Exception e) when (e is IOException or RabbitMQ.Client.Exceptions.RabbitMQClientException or SocketException)
        {
            // The listener opens a moment before the node finishes booting.
            return false;
        }
    }

    private static async Task<bool> Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string Tail()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }

    private static async Task StopAsync(Process? process)
    {
        if (process is null)
        {
            return;
        }
        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(wait.Token);
            }
        }
    }

    private static string? Locate(string name, string[] candidates) =>
        candidates.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))).FirstOrDefault(File.Exists);

    /// <summary>Three distinct ports free now (held together while chosen, so none repeats).</summary>
    private static (int, int, int) FreePorts()
    {
        TcpListener[] probes = [new(IPAddress.Loopback, 0), new(IPAddress.Loopback, 0), new(IPAddress.Loopback, 0)];
        try
        {
            foreach (var probe in probes)
            {
                probe.Start();
            }
            return (Port(probes[0]), Port(probes[1]), Port(probes[2]));
        }
        finally
        {
            foreach (var probe in probes)
            {
                probe.Stop();
            }
        }

        static int Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
