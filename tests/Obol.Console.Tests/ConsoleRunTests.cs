using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Obol.Api.JsonRpc;
using Xunit;

namespace Obol.Console.Tests;

public sealed class ConsoleRunTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Method, string Params)> _seen = new();
    private JsonRpcTcpServer _server = null!;

    public ValueTask InitializeAsync()
    {
        var dispatcher = new JsonRpcDispatcher();
        Reply(dispatcher, "APIerSv2.GetAccounts", "[{\"ID\":\"cgrates.org:1001\",\"BalanceMap\":{\"*monetary\":[{\"Value\":10}]},\"UnitCounters\":null,\"ActionTriggers\":[{\"MinSleep\":1000000000}],\"AllowNegative\":false,\"Disabled\":false}]");
        Reply(dispatcher, "APIerSv1.SetBalance", "\"OK\"");
        Reply(dispatcher, "AttributeSv1.Ping", "\"Pong\"");
        Reply(dispatcher, "CoreSv1.Status", "{\"node_id\":\"x\",\"goroutines\":5}");
        dispatcher.AddRaw("APIerSv1.GetCost", (argument, _) =>
        {
            _seen.Enqueue(("APIerSv1.GetCost", Encoding.UTF8.GetString(argument.Span)));
            return ValueTask.FromResult<RpcResult<ReadOnlyMemory<byte>>>(RpcResult.Fail("SERVER_ERROR: no rating plan"));
        });
        _server = new JsonRpcTcpServer(dispatcher, new JsonRpcServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
        _server.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private void Reply(JsonRpcDispatcher dispatcher, string method, string reply) =>
        dispatcher.AddRaw(method, (argument, _) =>
        {
            _seen.Enqueue((method, Encoding.UTF8.GetString(argument.Span)));
            return ValueTask.FromResult<RpcResult<ReadOnlyMemory<byte>>>((ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(reply));
        });

    private static async Task<(int Code, string Out, string Err)> RunAsync(string stdin, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = await Program.RunAsync([.. args], new StringReader(stdin), output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    private string Server => "127.0.0.1:" + _server.LocalEndPoint.Port;

    [Fact]
    public async Task Run_Accounts_SendsFullStructAndPrintsSortedDurations()
    {
        var (code, output, _) = await RunAsync("", "-server", Server, "accounts", "Tenant=\"cgrates.org\"", "AccountIds=[\"1001\"]");
        Assert.Equal(0, code);
        Assert.Equal(("APIerSv2.GetAccounts", "{\"Tenant\":\"cgrates.org\",\"AccountIDs\":[\"1001\"],\"Offset\":0,\"Limit\":0,\"Filter\":null}"), Assert.Single(_seen));
        Assert.Equal("[\n {\n  \"ActionTriggers\": [\n   {\n    \"MinSleep\": \"1s\"\n   }\n  ],\n  \"AllowNegative\": false,\n  \"BalanceMap\": {\n   \"*monetary\": [\n    {\n     \"Value\": 10\n    }\n   ]\n  },\n  \"Disabled\": false,\n  \"ID\": \"cgrates.org:1001\",\n  \"UnitCounters\": null\n }\n]\n", output);
    }

    [Fact]
    public async Task Run_BalanceSet_TutorialLine()
    {
        var (_, output, _) = await RunAsync("", "-server=" + Server, "balance_set", "Tenant=\"cgrates.org\"", "Account=\"1003\"", "Value=23",
            "BalanceType=\"*monetary\"", "Balance={\"ID\":\"MonetaryBalance\"}");
        Assert.Equal("{\"Tenant\":\"cgrates.org\",\"Account\":\"1003\",\"BalanceType\":\"*monetary\",\"Value\":23,\"Balance\":{\"ID\":\"MonetaryBalance\"},\"ActionExtraData\":null,\"Cdrlog\":false}",
            Assert.Single(_seen).Params);
        Assert.Equal("\"OK\"\n", output);
    }

    [Fact]
    public async Task Run_RpcError_PrintsErrorExecutingCommand()
    {
        var (code, output, _) = await RunAsync("", "--server", Server, "cost", "Tenant=\"cgrates.org\"", "Subject=\"1001\"");
        Assert.Equal(0, code);
        Assert.Equal("Error executing command: SERVER_ERROR: no rating plan\n", output);
        Assert.Equal("{\"Tenant\":\"cgrates.org\",\"Category\":\"\",\"Subject\":\"1001\",\"AnswerTime\":\"\",\"Destination\":\"\",\"Usage\":\"\",\"APIOpts\":{}}",
            Assert.Single(_seen).Params);
    }

    [Fact]
    public async Task Run_Verbose_PrintsParsedParams()
    {
        var (_, output, _) = await RunAsync("", "-verbose", "-server", Server, "ping", "attributes");
        Assert.Equal("ping Item=\"attributes\"\n\"Pong\"\n", output);
        Assert.Equal("AttributeSv1.Ping", Assert.Single(_seen).Method);
    }

    [Fact]
    public async Task Run_UnknownCommand_ListsAvailableCommands()
    {
        var (code, output, _) = await RunAsync("", "-server", Server, "nosuch");
        Assert.Equal(0, code);
        Assert.StartsWith("\n\tAvailable commands <account_actionplan_get|", output);
        Assert.EndsWith("|triggers_set>\n\n", output);
    }

    [Fact]
    public async Task Run_HelpCommand_PrintsUsage()
    {
        var (_, output, _) = await RunAsync("", "help", "balance_set");
        Assert.Equal("\n\tUsage: balance_set Tenant=\"\" Account=\"\" BalanceType=\"*monetary\" Value=0 Balance=null ActionExtraData=null Cdrlog=false \n", output);
    }

    [Fact]
    public async Task Run_Help_ListsEveryCommand()
    {
        var (_, output, _) = await RunAsync("", "help");
        Assert.StartsWith("Commands:\naccount_actionplan_get \n\tUsage: account_actionplan_get Tenant=\"\" Account=\"\" \n\n", output);
        Assert.Equal(134, output.Split("\tUsage: ").Length - 1);
    }

    [Fact]
    public async Task Run_Gob_IsRejected()
    {
        var (code, _, error) = await RunAsync("", "-rpc_encoding", "*gob", "status");
        Assert.Equal(1, code);
        Assert.Equal("rpc_encoding *gob is not supported by obol-console; use *json\n", error);
    }

    [Fact]
    public async Task Run_NoServer_ExitsWithConnectError()
    {
        var (code, _, error) = await RunAsync("", "-server", "127.0.0.1:1", "-connect_attempts", "1", "status");
        Assert.Equal(1, code);
        Assert.StartsWith("Could not connect to server 127.0.0.1:1: ", error);
    }

    [Fact]
    public async Task Run_BadParams_PrintsUnmarshalError()
    {
        var (_, output, _) = await RunAsync("", "-server", Server, "balance_set", "Value=\"x\"");
        Assert.Equal("json: cannot unmarshal string into Go struct field AttrSetBalance.Value of type float64\n", output);
        Assert.Empty(_seen);
    }

    [Fact]
    public async Task Run_PipedInteractive_ExecutesEachLineUntilQuit()
    {
        var (code, output, _) = await RunAsync("status\n\nping attributes\nquit\nstatus\n", "-server", "localhost:" + _server.LocalEndPoint.Port);
        Assert.Equal(0, code);
        Assert.Equal("Welcome to CGRateS console!\nType `help` for a list of commands\n\n"
            + "cgr> {\n \"node_id\": \"x\",\n \"goroutines\": 5\n}\ncgr> cgr> \"Pong\"\ncgr> \nbye!\n", output);
        Assert.Equal(["CoreSv1.Status", "AttributeSv1.Ping"], _seen.Select(s => s.Method));
        Assert.Equal("{\"Debug\":false,\"Timezone\":\"\",\"Tenant\":\"\",\"APIOpts\":{}}", _seen.First().Params);
    }

    [Fact]
    public async Task Run_PipedInteractive_EndOfInputSaysBye()
    {
        var (_, output, _) = await RunAsync("", "-server", Server);
        Assert.EndsWith("cgr> \nbye!\n", output);
    }
}
