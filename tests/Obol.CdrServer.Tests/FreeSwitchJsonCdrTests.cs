using System.Text;
using System.Text.Json;
using NodaTime;
using Obol.Cdrs;
using Obol.Primitives;
using Xunit;

namespace Obol.CdrServer.Tests;

/// <summary>FreeSWITCH's mod_json_cdr CDR into a CDR as CGRateS's engine/fscdr.go reads it, on a real 2018 CDR.</summary>
public sealed class FreeSwitchJsonCdrTests
{
    private const string SampleUuid = "5a3a1d91-90d3-4db4-af5c-cc3ae15d93a4";
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 5, 10, 0);

    private static byte[] Sample() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", "freeswitch", "json_cdr_from_mod_json_cdr.json"));

    private static Cdr ToCdr(byte[] json, params string[] extraFields)
    {
        var parsed = FreeSwitchJsonCdr.Parse(json);
        Assert.True(parsed.TryToCdr(CdrDefaults.CGRateS, CdrExtraField.ParseAll(extraFields), Now, out var cdr, out var error), error);
        return cdr;
    }

    private static byte[] Variables(string variables, string rest = "") => Encoding.UTF8.GetBytes($$"""{"variables":{{{variables}}}{{rest}}}""");

    [Fact]
    public void TryToCdr_ModJsonCdrSample_FieldsFromTheVariables()
    {
        var cdr = ToCdr(Sample());

        Assert.Equal(Cgrid.Compute(SampleUuid, "10.0.2.15"), cdr.Cgrid);
        Assert.Equal(SampleUuid, cdr.OriginId);
        Assert.Equal("10.0.2.15", cdr.OriginHost);
        Assert.Equal("freeswitch_json", cdr.Source);
        Assert.Equal("*voice", cdr.ToR);
        Assert.Equal("*prepaid", cdr.RequestType);
        Assert.Equal("cgrates.org", cdr.Tenant);
        Assert.Equal("call", cdr.Category);
        Assert.Equal("1001", cdr.Account);
        Assert.Equal("1001", cdr.Subject);
        Assert.Equal("1002", cdr.Destination);
        Assert.Equal(Instant.FromUnixTimeSeconds(1521025758), cdr.SetupTime);
        Assert.Equal(Instant.FromUnixTimeSeconds(1521025767), cdr.AnswerTime);
        // billsec, the whole seconds; billmsec (20600) is not read, as in CGRateS.
        Assert.Equal(Usage.FromSeconds(21), cdr.Usage);
        Assert.Equal(Cdr.Unrated, cdr.Cost);
        Assert.Equal("", cdr.RunId);
        Assert.Empty(cdr.ExtraFields);
        Assert.False(cdr.PreRated || cdr.Partial);
    }

    [Fact]
    public void TryToCdr_ExtraFields_FromTheVariablesElseSearchedThroughTheDocumentWithSearchReplace()
    {
        var cdr = ToCdr(Sample(), "~*req.sip_user_agent:s/([A-Za-z]*).+/$1/", "~*req.caller_id_name", "~*req.mos", "~*req.progress_media_time",
            "~*req.not_in_the_cdr", "~*cdr.Account");

        Assert.Equal(new Dictionary<string, string>
        {
            ["sip_user_agent"] = "Jitsi",
            // Not a variable: the first caller_profile in callflow has it.
            ["caller_id_name"] = "1001",
            // A number in callStats.audio.inbound, as written.
            ["mos"] = "4.492027",
            ["progress_media_time"] = "1521025767766321",
            ["not_in_the_cdr"] = "",
        }, cdr.ExtraFields);
    }

    [Fact]
    public void ParseAll_ConverterRule_SkippedAndReported()
    {
        List<string> warnings = [];

        var fields = CdrExtraField.ParseAll(["~*req.billsec{*duration_seconds}", "~*req.read_codec"], warnings.Add);

        Assert.Equal(["read_codec"], fields.Select(f => f.Name));
        Assert.Contains("~*req.billsec{*duration_seconds}", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void TryToCdr_CgrVariables_OutrankFreeSwitchsOwn()
    {
        var cdr = ToCdr(Variables("""
            "uuid":"u-1","FreeSWITCH-IPv4":"10.0.0.1","cgr_originhost":"fs-east","user_name":"1001","cgr_account":"1003",
            "cgr_subject":"1004","sip_req_user":"1002","dialed_extension":"1005","cgr_destination":"1006","cgr_tenant":"t1",
            "cgr_category":"premium","cgr_reqtype":"*postpaid","cgr_runid":"run1","cgr_orderid":"42","cgr_partial":"true",
            "cgr_prerated":"T","cgr_extrainfo":"info","cgr_costsource":"fs","billsec":"1m5s","start_epoch":"0"
            """));

        Assert.Equal(Cgrid.Compute("u-1", "fs-east"), cdr.Cgrid);
        Assert.Equal("fs-east", cdr.OriginHost);
        Assert.Equal(("1003", "1004", "1006"), (cdr.Account, cdr.Subject, cdr.Destination));
        Assert.Equal(("t1", "premium", "*postpaid"), (cdr.Tenant, cdr.Category, cdr.RequestType));
        Assert.Equal(("run1", 42L, "info", "fs"), (cdr.RunId, cdr.OrderId, cdr.ExtraInfo, cdr.CostSource));
        Assert.True(cdr.Partial && cdr.PreRated);
        Assert.Equal(Usage.FromSeconds(65), cdr.Usage);
        Assert.Equal(Cdr.ZeroTime, cdr.SetupTime);
        Assert.Equal(Cdr.ZeroTime, cdr.AnswerTime);
    }

    [Fact]
    public void TryToCdr_NoUserNameVariable_AccountIsTheCallersUsernameInTheCallflow()
    {
        var cdr = ToCdr(Variables("\"uuid\":\"u-2\",\"dialed_extension\":\"1002\",\"sip_req_user\":\"1009\"",
            ""","callflow":[{"caller_profile":{"username":"","destination_number":"1002"}},{"caller_profile":{"username":"1003"}}]"""));

        // An empty match inside the callflow does not count; the next profile's does.
        Assert.Equal(("1003", "1003", "1002"), (cdr.Account, cdr.Subject, cdr.Destination));
    }

    [Fact]
    public void TryToCdr_EmptyCgrAccount_KeptEmptyAsCGRateSDoes()
    {
        var cdr = ToCdr(Variables("\"uuid\":\"u-3\",\"cgr_account\":\"\",\"user_name\":\"1001\""));

        Assert.Equal("", cdr.Account);
    }

    [Theory]
    [InlineData("\"cgr_orderid\":\"x1\"", "strconv.ParseInt: parsing \"x1\": invalid syntax")]
    [InlineData("\"answer_epoch\":\"yesterday\"", "Unsupported time format")]
    [InlineData("\"billsec\":\"long\"", "time: invalid duration \"long\"")]
    [InlineData("\"cgr_prerated\":\"yes\"", "strconv.ParseBool: parsing \"yes\": invalid syntax")]
    public void TryToCdr_VariableThatDoesNotConvert_GoError(string variable, string expected)
    {
        var parsed = FreeSwitchJsonCdr.Parse(Variables("\"uuid\":\"u-4\"," + variable));

        Assert.False(parsed.TryToCdr(CdrDefaults.CGRateS, [], Now, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[{\"variables\":{}}]")]
    public void Parse_NotAJsonObject_Throws(string body) =>
        Assert.ThrowsAny<JsonException>(() => FreeSwitchJsonCdr.Parse(Encoding.UTF8.GetBytes(body)));
}
