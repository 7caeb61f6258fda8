using Xunit;

namespace Obol.Console.Tests;

public class ConsoleCommandTests
{
    private static ConsoleCommand Command(string name) => CommandRegistry.Commands[name];

    [Fact]
    public void Table_HasEveryCgrConsoleCommand() => Assert.Equal(134, CommandRegistry.Commands.Count);

    [Fact]
    public void Table_EveryCommand_BuildsDefaultsAndUsage()
    {
        foreach (var command in CommandRegistry.Commands.Values)
        {
            Assert.StartsWith("\n\tUsage: " + command.Name + " ", command.Usage());
        }
    }

    [Fact]
    public void Parse_BalanceSet_MergesCaseInsensitivelyIntoDefaults()
    {
        var args = Command("balance_set").Parse("tenant=\"cgrates.org\" ACCOUNT=\"1003\" Value=23 Balance={\"ID\":\"MonetaryBalance\"} Nope=1");
        Assert.Equal(
            "{\"Tenant\":\"cgrates.org\",\"Account\":\"1003\",\"BalanceType\":\"*monetary\",\"Value\":23,\"Balance\":{\"ID\":\"MonetaryBalance\"},\"ActionExtraData\":null,\"Cdrlog\":false}",
            GoMarshaller.MarshalString(args));
    }

    [Fact]
    public void Parse_WrongType_GivesGoUnmarshalError()
    {
        var error = Assert.Throws<FormatException>(() => Command("balance_set").Parse("Value=\"x\""));
        Assert.Equal("json: cannot unmarshal string into Go struct field AttrSetBalance.Value of type float64", error.Message);
    }

    [Fact]
    public void Parse_FractionIntoInt_NamesTheNumber()
    {
        var error = Assert.Throws<FormatException>(() => Command("accounts").Parse("Limit=1.5"));
        Assert.Equal("json: cannot unmarshal number 1.5 into Go struct field AttrGetAccounts.Limit of type int", error.Message);
    }

    [Fact]
    public void Parse_UnquotedString_GivesGoSyntaxError()
    {
        var error = Assert.Throws<FormatException>(() => Command("accounts").Parse("Tenant=cgrates.org"));
        Assert.Equal("invalid character 'c' looking for beginning of value", error.Message);
    }

    [Fact]
    public void Parse_PromotedFields_FillEmbeddedStruct()
    {
        var args = Command("session_initiate").Parse("InitSession=true Tenant=\"cgrates.org\" Event={\"Usage\":60000000000,\"b\":1,\"a\":\"x\"}");
        Assert.Equal(
            "{\"GetAttributes\":false,\"AllocateIP\":false,\"AllocateResources\":false,\"InitSession\":true,\"ForceDuration\":false,"
            + "\"ProcessThresholds\":false,\"ProcessStats\":false,\"AttributeIDs\":null,\"ThresholdIDs\":null,\"StatIDs\":null,"
            + "\"Tenant\":\"cgrates.org\",\"ID\":\"\",\"Time\":null,\"Event\":{\"Usage\":60000000000,\"a\":\"x\",\"b\":1},\"APIOpts\":null}",
            GoMarshaller.MarshalString(args));
    }

    [Fact]
    public void Parse_NilEmbeddedPointer_IsOmittedUntilSet()
    {
        Assert.Equal("{\"APIOpts\":{}}", GoMarshaller.MarshalString(Command("filter_remove").NewArgs()));
        Assert.Equal("{\"Tenant\":\"t\",\"ID\":\"\",\"APIOpts\":{}}", GoMarshaller.MarshalString(Command("filter_remove").Parse("Tenant=\"t\"")));
    }

    [Theory]
    [InlineData("balance_set", "\n\tUsage: balance_set Tenant=\"\" Account=\"\" BalanceType=\"*monetary\" Value=0 Balance=null ActionExtraData=null Cdrlog=false \n")]
    [InlineData("cost", "\n\tUsage: cost Tenant=\"\" Category=\"\" Subject=\"\" AnswerTime=\"\" Destination=\"\" Usage=\"\" \n")]
    [InlineData("datadb_versions", "\n\tUsage: datadb_versions \"{}\" \n")]
    [InlineData("accounts", "\n\tUsage: accounts Tenant=\"\" AccountIDs=null Offset=0 Limit=0 Filter=null \n")]
    public void Usage_ListsFieldsWithDefaults(string name, string expected) => Assert.Equal(expected, Command(name).Usage());

    [Fact]
    public void Prepare_Ping_PicksServiceAndSendsEmptyEvent()
    {
        var (method, param, _) = CommandExecutor.Prepare(Command("ping"), Command("ping").Parse("attributes"));
        Assert.Equal("AttributeSv1.Ping", method);
        Assert.Equal("{\"Tenant\":\"\",\"ID\":\"\",\"Time\":null,\"Event\":null,\"APIOpts\":null}", System.Text.Encoding.UTF8.GetString(param));
    }

    [Fact]
    public void Prepare_StringWrapper_SendsItem()
    {
        var (method, param, _) = CommandExecutor.Prepare(Command("sharedgroup"), Command("sharedgroup").Parse("SG_1"));
        Assert.Equal("APIerSv1.GetSharedGroup", method);
        Assert.Equal("\"SG_1\"", System.Text.Encoding.UTF8.GetString(param));
    }

    [Fact]
    public void Prepare_EmptyWrapper_SendsEmptyString()
    {
        var (_, param, _) = CommandExecutor.Prepare(Command("datadb_versions"), Command("datadb_versions").Parse(""));
        Assert.Equal("\"\"", System.Text.Encoding.UTF8.GetString(param));
    }

    [Fact]
    public void Prepare_SessionCommand_StampsTime()
    {
        var (_, param, _) = CommandExecutor.Prepare(Command("session_initiate"), Command("session_initiate").Parse(""));
        Assert.DoesNotContain("\"Time\":null", System.Text.Encoding.UTF8.GetString(param), StringComparison.Ordinal);
    }
}
