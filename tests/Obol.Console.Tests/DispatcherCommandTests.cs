using System.Text;
using Xunit;

namespace Obol.Console.Tests;

/// <summary>The dispatchers_* commands send what cgr-console sends: its RPC method and the args struct as Go marshals it.</summary>
public sealed class DispatcherCommandTests
{
    private static (string Method, string Param) Send(string name, string line)
    {
        var command = CommandRegistry.Commands[name];
        var (method, param, error) = CommandExecutor.Prepare(command, command.Parse(line));
        Assert.Null(error);
        return (method, Encoding.UTF8.GetString(param));
    }

    [Theory]
    // CGRateS spells the event command "dispatches_for_event" (console/dispatchers_for_event.go).
    [InlineData("dispatches_for_event", "DispatcherSv1.GetProfilesForEvent")]
    [InlineData("dispatchers_host", "APIerSv1.GetDispatcherHost")]
    [InlineData("dispatchers_host_ids", "APIerSv1.GetDispatcherHostIDs")]
    [InlineData("dispatchers_host_remove", "APIerSv1.RemoveDispatcherHost")]
    [InlineData("dispatchers_host_set", "APIerSv1.SetDispatcherHost")]
    [InlineData("dispatchers_profile", "APIerSv1.GetDispatcherProfile")]
    [InlineData("dispatchers_profile_ids", "APIerSv1.GetDispatcherProfileIDs")]
    [InlineData("dispatchers_profile_remove", "APIerSv1.RemoveDispatcherProfile")]
    [InlineData("dispatchers_profile_set", "APIerSv1.SetDispatcherProfile")]
    public void Prepare_DispatcherCommand_CallsCgrConsoleMethod(string name, string method) =>
        Assert.Equal(method, Send(name, "").Method);

    [Fact]
    public void Prepare_ProfileSet_SendsTheWholeProfileWithHosts()
    {
        var (_, param) = Send(
            "dispatchers_profile_set",
            "ID=\"D1\" Subsystems=[\"*any\"] Strategy=\"*weight\" Hosts=[{\"ID\":\"H1\",\"Weight\":10}]");

        Assert.Equal(
            "{\"Tenant\":\"\",\"ID\":\"D1\",\"Subsystems\":[\"*any\"],\"FilterIDs\":null,\"ActivationInterval\":null,"
            + "\"Strategy\":\"*weight\",\"StrategyParams\":null,\"Weight\":0,"
            + "\"Hosts\":[{\"ID\":\"H1\",\"FilterIDs\":null,\"Weight\":10,\"Params\":null,\"Blocker\":false}],\"APIOpts\":{}}",
            param);
    }

    [Fact]
    public void Prepare_ProfileSetWithMaps_SortsTheirKeysAsGo()
    {
        var (_, param) = Send(
            "dispatchers_profile_set",
            "Tenant=\"cgrates.org\" ID=\"D1\" StrategyParams={\"b\":2,\"a\":\"x\"} Hosts=[{\"ID\":\"H1\",\"Params\":{\"*ratio\":\"1\"},\"Blocker\":true}] APIOpts={\"k\":1}");

        Assert.Equal(
            "{\"Tenant\":\"cgrates.org\",\"ID\":\"D1\",\"Subsystems\":null,\"FilterIDs\":null,\"ActivationInterval\":null,"
            + "\"Strategy\":\"\",\"StrategyParams\":{\"a\":\"x\",\"b\":2},\"Weight\":0,"
            + "\"Hosts\":[{\"ID\":\"H1\",\"FilterIDs\":null,\"Weight\":0,\"Params\":{\"*ratio\":\"1\"},\"Blocker\":true}],\"APIOpts\":{\"k\":1}}",
            param);
    }

    [Fact]
    public void Prepare_HostSet_FillsTheEmbeddedRemoteHost()
    {
        var (_, param) = Send("dispatchers_host_set", "ID=\"H1\" Address=\"127.0.0.1:2012\" Transport=\"*json\"");

        Assert.Equal(
            "{\"Tenant\":\"\",\"ID\":\"H1\",\"Address\":\"127.0.0.1:2012\",\"Transport\":\"*json\",\"ConnectAttempts\":0,"
            + "\"Reconnects\":0,\"MaxReconnectInterval\":0,\"ConnectTimeout\":0,\"ReplyTimeout\":0,\"TLS\":false,"
            + "\"ClientKey\":\"\",\"ClientCertificate\":\"\",\"CaCertificate\":\"\",\"APIOpts\":{}}",
            param);
    }

    [Fact]
    public void Prepare_HostSetWithoutHostFields_LeavesTheRemoteHostOut()
    {
        // The embedded *config.RemoteHost stays nil until one of its fields is set, and encoding/json skips it.
        Assert.Equal("{\"Tenant\":\"cgrates.org\",\"APIOpts\":{}}", Send("dispatchers_host_set", "Tenant=\"cgrates.org\"").Param);
    }

    [Fact]
    public void Prepare_HostSetDurations_AreNanoseconds()
    {
        var (_, param) = Send("dispatchers_host_set", "ID=\"H1\" ConnectTimeout=1000000000 ReplyTimeout=2000000000");

        Assert.Contains("\"ConnectTimeout\":1000000000,\"ReplyTimeout\":2000000000,", param, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HostSetDurationAsText_GivesGoUnmarshalError()
    {
        var error = Assert.Throws<FormatException>(() => CommandRegistry.Commands["dispatchers_host_set"].Parse("ConnectTimeout=\"1s\""));

        Assert.Equal(
            "json: cannot unmarshal string into Go struct field DispatcherHostWithAPIOpts.ConnectTimeout of type time.Duration",
            error.Message);
    }

    [Theory]
    [InlineData("dispatchers_profile", "{\"Tenant\":\"cgrates.org\",\"ID\":\"D1\"}")]
    [InlineData("dispatchers_host", "{\"Tenant\":\"cgrates.org\",\"ID\":\"D1\"}")]
    [InlineData("dispatchers_profile_remove", "{\"Tenant\":\"cgrates.org\",\"ID\":\"D1\",\"APIOpts\":{}}")]
    [InlineData("dispatchers_host_remove", "{\"Tenant\":\"cgrates.org\",\"ID\":\"D1\",\"APIOpts\":{}}")]
    public void Prepare_GetAndRemove_SendTenantId(string name, string expected) =>
        Assert.Equal(expected, Send(name, "Tenant=\"cgrates.org\" ID=\"D1\"").Param);

    [Theory]
    [InlineData("dispatchers_profile_ids")]
    [InlineData("dispatchers_host_ids")]
    public void Prepare_Ids_SendPaginatorWithTenant(string name) =>
        Assert.Equal("{\"Tenant\":\"cgrates.org\",\"Search\":\"\",\"Limit\":2,\"Offset\":null}", Send(name, "Tenant=\"cgrates.org\" Limit=2").Param);

    [Fact]
    public void Prepare_ProfilesForEvent_SendsTheEventUnstamped()
    {
        var (_, param) = Send("dispatches_for_event", "Tenant=\"cgrates.org\" Event={\"EventName\":\"Event1\"}");

        Assert.Equal("{\"Tenant\":\"cgrates.org\",\"ID\":\"\",\"Time\":null,\"Event\":{\"EventName\":\"Event1\"},\"APIOpts\":null}", param);
    }
}
