using System.Text.Json;
using NodaTime;
using Obol.TariffPlans;
using Xunit;
using static Obol.Attributes.Tests.TestSupport;

namespace Obol.Attributes.Tests;

/// <summary>Compilation: a bad profile is refused when it is loaded or set, naming where it is wrong.</summary>
public sealed class ProfileDefinitionTests
{
    private static AttributeDefinitionException Refused(params AttributeDefinition[] attributes) =>
        Assert.Throws<AttributeDefinitionException>(() => Profile("ATTR_BAD", attributes));

    [Fact]
    public void FromTp_UnknownType_NamesTheFileAndLine()
    {
        var plan = ReadPlan("""
            #Tenant,ID,Contexts,FilterIDs,ActivationInterval,AttributeFilterIDs,Path,Type,Value,Blocker,Weight
            cgrates.org,ATTR_OK,*any,,,,*req.A,*constant,1,false,10
            cgrates.org,ATTR_BAD,*any,,,,,,,false,10
            cgrates.org,ATTR_BAD,,,,,*req.B,*substitute,1,,
            cgrates.org,ATTR_WORSE,*any,,,,*req.C,*usage_difference,~*req.AnswerTime,false,10
            """);

        var error = Assert.Throws<AttributeDefinitionException>(() =>
            AttributeTable.FromTp(plan.Attributes, NoStoredFilters(), null, DateTimeZone.Utc, Now));

        Assert.Contains("Attributes.csv:4: attribute profile cgrates.org:ATTR_BAD: *req.B: unsupported type: <*substitute>", error.Message);
        Assert.Contains("Attributes.csv:5: attribute profile cgrates.org:ATTR_WORSE: *req.C: *usage_difference needs 2 values", error.Message);
        Assert.DoesNotContain("ATTR_OK", error.Message);
    }

    [Fact]
    public void FromTp_BrokenFilterReference_NamesTheProfileRow()
    {
        var plan = ReadPlan("""
            #Tenant,ID,Contexts,FilterIDs,ActivationInterval,AttributeFilterIDs,Path,Type,Value,Blocker,Weight
            cgrates.org,ATTR_REF,*any,FLTR_MISSING,,,*req.A,*constant,1,false,10
            """, checkReferences: false);

        var error = Assert.Throws<AttributeDefinitionException>(() =>
            AttributeTable.FromTp(plan.Attributes, NoStoredFilters(), null, DateTimeZone.Utc, Now));

        Assert.Equal("Attributes.csv:2: attribute profile cgrates.org:ATTR_REF: broken reference to filter <FLTR_MISSING>: NOT_FOUND:FLTR_MISSING",
            error.Message);
    }

    [Fact]
    public void Compile_MissingPath_IsMandatoryIeMissing()
    {
        var error = Refused(Attr("", "*constant", "x"));

        Assert.Equal("MANDATORY_IE_MISSING: [Path]", error.WireError);
        Assert.Contains("attribute profile cgrates.org:ATTR_BAD: Attributes[0]", error.Message);
    }

    [Fact]
    public void Compile_MissingValue_IsMandatoryIeMissing() =>
        Assert.Equal("MANDATORY_IE_MISSING: [Value]", Refused(Attr("*req.F", "*constant", "")).WireError);

    [Fact]
    public void Compile_NoAttributes_IsMandatoryIeMissing() =>
        Assert.Equal("MANDATORY_IE_MISSING: [Attributes]", Refused().WireError);

    [Fact]
    public void Compile_EmptyTenant_TakesTheDefaultTenant() =>
        Assert.Equal("cgrates.org", AttributeProfile.Compile(Definition("ATTR_A", Attr("*req.F", "*constant", "x")) with { Tenant = "" }, "cgrates.org").Tenant);

    [Theory]
    [InlineData("*req.F", "*sum", "1", "*sum needs at least 2 values")]
    [InlineData("*req.F", "*value_exponent", "1;2;3", "*value_exponent needs 2 values")]
    [InlineData("*req.F", "*cc_usage", "1;2", "*cc_usage needs 3 values")]
    [InlineData("*req.F", "*http#http://127.0.0.1/attr", "x", "external HTTP service")]
    [InlineData("*req..F", "*constant", "x", "invalid path <*req..F>")]
    [InlineData("*req", "*constant", "x", "would replace the whole *req map")]
    [InlineData("*req.F", "*constant", "`a;b", "Unclosed unspilit syntax")]
    [InlineData("*req.F", "*variable", "a;;b", "emtpy RSRParser")]
    [InlineData("*req.F", "*variable", "~*req.Usage{*duration_seconds", "invalid converter terminator")]
    [InlineData("*req.F", "*variable", "~*req.Usage{*bogus}", "unsupported converter definition: <*bogus>")]
    [InlineData("*req.F", "*variable", "~*req.Number{*libphonenumber:DE}", "not supported by Obol")]
    [InlineData("*req.F", "*variable", "~*req.Account:s/(/x/", "invalid Search&Replace subfield rule")]
    [InlineData("*req.F", "*variable", "~*req.Usage{*round:x}", "*round converter needs integer as decimals")]
    public void Compile_BadAttribute_IsRefusedWithTheReason(string path, string type, string value, string reason) =>
        Assert.Contains(reason, Refused(Attr(path, type, value)).Message);

    [Fact]
    public void Compile_BadInlineFilter_IsRefused() =>
        Assert.Contains("*req.F", Refused(Attr("*req.F", "*constant", "x", "*gt:~*req.Usage")).Message);

    [Fact]
    public void FromInline_ChargerRawRule_AnswersEveryContextUnderItsOwnName()
    {
        var profile = AttributeProfile.FromInline("cgrates.org", "*constant:*req.RequestType:*none");

        Assert.Equal("*constant:*req.RequestType:*none", profile.MatchedId);
        Assert.True(profile.AnswersContext("*chargers"));
        Assert.Equal("*req.RequestType", Assert.Single(profile.Attributes).Path);
    }

    [Fact]
    public void FromInline_AmpersandSeparatesValues() =>
        Assert.Equal(["~*req.A", "-", "~*req.B"], AttributeProfile.FromInline("cgrates.org", "*variable:*req.F:~*req.A&-&~*req.B").Attributes[0].ValueRules);

    [Theory]
    [InlineData("*constant")]
    [InlineData("*constant::x")]
    public void FromInline_Malformed_IsRefused(string rule) =>
        Assert.Throws<AttributeDefinitionException>(() => AttributeProfile.FromInline("cgrates.org", rule));

    [Fact]
    public void Definition_GoJsonShape_RoundTripsWithSystemTextJson()
    {
        const string json = """
            {"Tenant":"cgrates.org","ID":"ATTR_API","Contexts":["*sessions"],"FilterIDs":["*string:~*req.Account:1001"],
             "Attributes":[{"FilterIDs":[],"Path":"*req.RequestType","Type":"*constant","Value":"*prepaid"}],"Blocker":true,"Weight":20}
            """;

        var definition = JsonSerializer.Deserialize<AttributeProfileDefinition>(json)!;
        var profile = AttributeProfile.Compile(definition);

        Assert.Equal("ATTR_API", profile.Id);
        Assert.True(profile.Blocker);
        Assert.Equal(20m, profile.Weight);
        Assert.Equal(["*prepaid"], profile.Attributes[0].ValueRules);
        Assert.Contains("\"ID\":\"ATTR_API\"", JsonSerializer.Serialize(definition), StringComparison.Ordinal);
    }

    private static TariffPlan ReadPlan(string attributesCsv, bool checkReferences = true)
    {
        var result = TariffPlanReader.ReadFiles([("Attributes.csv", new StringReader(attributesCsv))], new TariffPlanReadOptions(DateTimeZone.Utc, Now));
        if (checkReferences)
        {
            Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        }
        return result.Plan;
    }
}
