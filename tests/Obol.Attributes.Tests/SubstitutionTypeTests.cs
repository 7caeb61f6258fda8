using Xunit;
using static Obol.Attributes.Tests.TestSupport;

namespace Obol.Attributes.Tests;

/// <summary>Every substitution type of engine/attributes.go ParseAttribute, with its edge cases.</summary>
public sealed class SubstitutionTypeTests
{
    [Fact]
    public void Constant_SeveralRules_AreConcatenated() =>
        Assert.Equal("CGRateS.org", Apply(Attr("*req.Password", "*constant", "CGRateS;.org"), Event()).Field("Password"));

    [Fact]
    public void Constant_PathRule_ReadsAsEmpty() =>
        Assert.Equal("x", Apply(Attr("*req.F", "*constant", "~*req.Account;x"), Event(("Account", "1001"))).Field("F"));

    [Fact]
    public void Constant_BacktickedSeparator_StaysInTheValue() =>
        Assert.Equal("a;b", Apply(Attr("*req.F", "*constant", "`a;b`"), Event()).Field("F"));

    [Fact]
    public void Variable_SearchAndReplace_RewritesTheField() =>
        Assert.Equal("01", Apply(Attr("*req.Account", "*variable", "~*req.Account:s/^10(\\d+)$/${1}/"), Event(("Account", "1001")))
            .Field("Account"));

    [Fact]
    public void Variable_EmptyType_IsVariable() =>
        Assert.Equal("1001-1002", Apply(Attr("*req.F", "", "~*req.Account;-;~*req.Destination"),
            Event(("Account", "1001"), ("Destination", "1002"))).Field("F"));

    [Fact]
    public void Variable_MissingField_IsNotFound()
    {
        var result = Apply(Attr("*req.F", "*variable", "~*req.Missing"), Event(("Account", "1001")));

        Assert.Equal("NOT_FOUND", result.Error);
        Assert.Empty(result.AlteredFields);
    }

    [Fact]
    public void Variable_NumberField_IsWrittenAsGoFormatsIt() =>
        Assert.Equal("1.5", Apply(Attr("*req.F", "*variable", "~*req.Cost"), Event(("Cost", 1.50m))).Field("F"));

    [Fact]
    public void Variable_Converters_ApplyInOrder() =>
        Assert.Equal("1.42", Apply(Attr("*req.F", "*variable", "~*req.Usage{*duration_minutes&*round:2}"), Event(("Usage", "1m25s")))
            .Field("F"));

    [Fact]
    public void Variable_DynamicPath_ReadsTheFieldNamedByAnother() =>
        Assert.Equal("1002", Apply(Attr("*req.F", "*variable", "~*req.<~*req.Pick>"), Event(("Pick", "Destination"), ("Destination", "1002")))
            .Field("F"));

    [Fact]
    public void Composed_ExistingField_AppendsToIt() =>
        Assert.Equal("1001@cgrates.org", Apply(Attr("*req.Account", "*composed", "@;~*tenant"), Event(("Account", "1001")))
            .Field("Account"));

    [Fact]
    public void Composed_MissingField_IsJustTheValue() =>
        Assert.Equal("x", Apply(Attr("*req.F", "*composed", "x"), Event()).Field("F"));

    [Fact]
    public void None_SetsTheFieldEmpty() =>
        Assert.Equal("", Apply(Attr("*req.Account", "*none", "ignored"), Event(("Account", "1001"))).Field("Account"));

    [Fact]
    public void RemoveValue_RemovesTheFieldAndReportsIt()
    {
        var result = Apply(Attr("*req.Account", "*constant", "*remove"), Event(("Account", "1001")));

        Assert.Null(result.Field("Account"));
        Assert.Equal(["*req.Account"], result.AlteredFields);
    }

    [Fact]
    public void UsageDifference_AnswerMinusSetup_IsAGoDuration() =>
        Assert.Equal("1m25s", Apply(Attr("*req.Pdd", "*usage_difference", "~*req.AnswerTime;~*req.SetupTime"),
            Event(("SetupTime", "2014-08-04T13:00:00Z"), ("AnswerTime", "2014-08-04T13:01:25Z"))).Field("Pdd"));

    [Fact]
    public void UsageDifference_NotATime_IsServerError() =>
        Assert.Equal("SERVER_ERROR: Unsupported time format",
            Apply(Attr("*req.Pdd", "*usage_difference", "~*req.A;~*req.B"), Event(("A", "later"), ("B", "2014-08-04T13:00:00Z"))).Error);

    [Theory]
    [InlineData("10;~*req.Five", "15")]
    [InlineData("1.5;2.25", "3.75")]
    [InlineData("0.1;0.2", "0.3")]
    [InlineData("1m;30s", "1m30s")]
    [InlineData("1m;30", "1m0.00000003s")]
    [InlineData("2014-08-04T13:00:00Z;1h", "2014-08-04T14:00:00Z")]
    [InlineData("abc;1", "")]
    public void Sum_FirstValueDecidesTheArithmetic(string value, string expected) =>
        Assert.Equal(expected, Apply(Attr("*req.F", "*sum", value), Event(("Five", "5"))).Field("F"));

    [Fact]
    public void Sum_IntegerThenFloat_IsServerError() =>
        Assert.Equal("SERVER_ERROR: cannot convert field: 1.5 to int", Apply(Attr("*req.F", "*sum", "1;1.5"), Event()).Error);

    [Theory]
    [InlineData("10;3;2", "5")]
    [InlineData("0.3;0.1", "0.2")]
    [InlineData("1m;90s", "-30s")]
    [InlineData("2014-08-04T13:00:00Z;10s", "2014-08-04T12:59:50Z")]
    public void Difference_FirstValueDecidesTheArithmetic(string value, string expected) =>
        Assert.Equal(expected, Apply(Attr("*req.F", "*difference", value), Event()).Field("F"));

    [Fact]
    public void Difference_TimeMinusTime_IsServerError() =>
        Assert.StartsWith("SERVER_ERROR: cannot convert field: 2014-08-04 13:00:00 +0000 UTC to time.Duration",
            Apply(Attr("*req.F", "*difference", "2014-08-04T14:00:00Z;2014-08-04T13:00:00Z"), Event()).Error);

    [Theory]
    [InlineData("0.1;3", "0.3")]
    [InlineData("6;7", "42")]
    public void Multiply_DecimalArithmetic_HasNoFloatNoise(string value, string expected) =>
        Assert.Equal(expected, Apply(Attr("*req.F", "*multiply", value), Event()).Field("F"));

    [Fact]
    public void Multiply_StringFirst_IsUnsupported() =>
        Assert.Equal("SERVER_ERROR: unsupported type", Apply(Attr("*req.F", "*multiply", "a;2"), Event()).Error);

    [Theory]
    [InlineData("10;4", "2")]
    [InlineData("10.0;4", "2.5")]
    [InlineData("1.5;0", "+Inf")]
    [InlineData("-1.5;0;-2", "+Inf")]
    [InlineData("0.0;0", "NaN")]
    public void Divide_FollowsGoArithmetic(string value, string expected) =>
        Assert.Equal(expected, Apply(Attr("*req.F", "*divide", value), Event()).Field("F"));

    [Fact]
    public void Divide_IntegerByZero_IsServerError() =>
        Assert.Equal("SERVER_ERROR: runtime error: integer divide by zero", Apply(Attr("*req.F", "*divide", "10;0"), Event()).Error);

    [Theory]
    [InlineData("12345", "-2", "123.45")]
    [InlineData("1.234567", "0", "1.23457")]
    [InlineData("1", "-6", "0")]
    [InlineData("5", "3", "5000")]
    public void ValueExponent_ScalesAndRoundsToGeneralDecimals(string value, string exponent, string expected) =>
        Assert.Equal(expected, Apply(Attr("*req.F", "*value_exponent", "~*req.V;~*req.E"), Event(("V", value), ("E", exponent))).Field("F"));

    [Fact]
    public void ValueExponent_NotANumber_IsServerError() =>
        Assert.Equal("SERVER_ERROR: invalid value <abc> to *value_exponent", Apply(Attr("*req.F", "*value_exponent", "abc;2"), Event()).Error);

    [Fact]
    public void UnixTimestamp_Rfc3339_IsUnixSeconds() =>
        Assert.Equal("1407157200", Apply(Attr("*req.F", "*unix_timestamp", "~*req.AnswerTime"), Event(("AnswerTime", "2014-08-04T13:00:00Z")))
            .Field("F"));

    [Fact]
    public void DateTime_UnixSeconds_IsRfc3339() =>
        Assert.Equal("2014-08-04T13:00:00Z", Apply(Attr("*req.F", "*datetime", "1407157200"), Event()).Field("F"));

    [Fact]
    public void Prefix_PutsTheValueInFrontOfTheCurrentOne() =>
        Assert.Equal("+491002", Apply(Attr("*req.Destination", "*prefix", "+49"), Event(("Destination", "1002"))).Field("Destination"));

    [Fact]
    public void Suffix_PutsTheValueAfterTheCurrentOne() =>
        Assert.Equal("1002@sip", Apply(Attr("*req.Destination", "*suffix", "@sip"), Event(("Destination", "1002"))).Field("Destination"));

    [Fact]
    public void Prefix_MissingField_IsNotFound() =>
        Assert.Equal("NOT_FOUND", Apply(Attr("*req.Destination", "*prefix", "+49"), Event()).Error);

    [Theory]
    [InlineData("3", "20s")]
    [InlineData("1", "10s")]
    [InlineData("0", "10s")]
    public void CcUsage_AddsADebitIntervalPerUpdate(string requestNumber, string expected) =>
        Assert.Equal(expected, Apply(Attr("*req.Usage", "*cc_usage", "~*req.N;10s;5s"), Event(("N", requestNumber))).Field("Usage"));

    [Fact]
    public void CcUsage_BadRequestNumber_IsServerError() =>
        Assert.Equal("SERVER_ERROR: invalid requestNumber <x> to *cc_usage", Apply(Attr("*req.Usage", "*cc_usage", "x;10s;5s"), Event()).Error);

    [Fact]
    public void SipCid_SortsTheTagsAndSkipsMissingOnes() =>
        Assert.Equal("call1;a-tag;z-tag", Apply(Attr("*req.F", "*sipcid", "~*req.CallID;~*req.ToTag;~*req.Missing;~*req.FromTag"),
            Event(("CallID", "call1"), ("FromTag", "a-tag"), ("ToTag", "z-tag"))).Field("F"));

    [Fact]
    public void TenantPath_Constant_ChangesTheEventTenant()
    {
        var result = Apply(Attr("*tenant", "*constant", "cgrates.net"), Event());

        Assert.Equal("cgrates.net", result.Event!.Tenant);
        Assert.Equal(["*tenant"], result.AlteredFields);
    }

    [Fact]
    public void OptsPath_WritesTheApiOpts() =>
        Assert.Equal("x", Apply(Attr("*opts.Custom", "*constant", "x"), Event()).Event!.ApiOpts["Custom"]);

    [Fact]
    public void NestedPath_MissingMap_IsCreated()
    {
        var result = Apply(Attr("*req.Extra.Code", "*constant", "7"), Event());

        var extra = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(result.Event!.Event["Extra"]);
        Assert.Equal("7", extra["Code"]);
    }

    [Fact]
    public void NestedPath_CallersNestedMap_IsCopiedNotChanged()
    {
        var nested = new Dictionary<string, object?> { ["Code"] = "1" };

        var result = Apply(Attr("*req.Extra.Code", "*constant", "7"), Event(("Extra", nested)));

        Assert.Equal("1", nested["Code"]);
        Assert.Equal("7", ((IReadOnlyDictionary<string, object?>)result.Event!.Event["Extra"]!)["Code"]);
    }

    [Fact]
    public void NestedPath_ThroughAString_IsWrongPath() =>
        Assert.Equal("SERVER_ERROR: WRONG_PATH", Apply(Attr("*req.Account.Code", "*constant", "7"), Event(("Account", "1001"))).Error);
}
