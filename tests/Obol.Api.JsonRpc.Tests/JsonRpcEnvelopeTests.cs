using System.Text;

namespace Obol.Api.JsonRpc.Tests;

public sealed class JsonRpcEnvelopeTests
{
    [Fact]
    public void Parse_PlainRequest_FindsMethodArgumentAndId()
    {
        var (envelope, frame) = Parse("""{"method":"APIerSv1.GetCost","params":[{"Tenant":"cgrates.org"}],"id":42}""");

        Assert.Equal("APIerSv1.GetCost", envelope.GetMethod(frame));
        Assert.Equal(JsonRpcParamsKind.Array, envelope.ParamsKind);
        Assert.Equal("""{"Tenant":"cgrates.org"}""", Text(frame, envelope.Argument));
        Assert.Equal("42", Text(frame, envelope.Id));
    }

    [Fact]
    public void Parse_MemberNamesInAnyCase_MatchLikeGo()
    {
        var (envelope, frame) = Parse("""{"METHOD":"CoreSv1.Ping","Params":[{}],"iD":"x"}""");

        Assert.Equal("CoreSv1.Ping", envelope.GetMethod(frame));
        Assert.Equal("{}", Text(frame, envelope.Argument));
        Assert.Equal("\"x\"", Text(frame, envelope.Id));
    }

    [Fact]
    public void Parse_RepeatedMembers_LastOneWins()
    {
        var (envelope, frame) = Parse("""{"method":"A.B","params":[1],"id":1,"method":"C.D","params":[2],"id":2}""");

        Assert.Equal("C.D", envelope.GetMethod(frame));
        Assert.Equal("2", Text(frame, envelope.Argument));
        Assert.Equal("2", Text(frame, envelope.Id));
    }

    [Fact]
    public void Parse_MethodNullAfterMethod_KeepsTheMethodLikeGo()
    {
        var (envelope, frame) = Parse("""{"method":"A.B","method":null,"params":[]}""");

        Assert.Equal("A.B", envelope.GetMethod(frame));
    }

    [Fact]
    public void Parse_EscapedMethodAndMemberName_Unescaped()
    {
        var (envelope, frame) = Parse("""{"\u006dethod":"CoreSv1.P\u0069ng","params":[{}]}""");

        Assert.Equal("CoreSv1.Ping", envelope.GetMethod(frame));
        Assert.Equal(JsonRpcParamsKind.Array, envelope.ParamsKind);
    }

    [Theory]
    [InlineData("""{"method":"A.B"}""", JsonRpcParamsKind.Missing)]
    [InlineData("""{"method":"A.B","params":null}""", JsonRpcParamsKind.Missing)]
    [InlineData("""{"method":"A.B","params":[1],"params":null}""", JsonRpcParamsKind.Missing)]
    [InlineData("""{"method":"A.B","params":{"Tenant":"x"}}""", JsonRpcParamsKind.NotArray)]
    [InlineData("""{"method":"A.B","params":"x"}""", JsonRpcParamsKind.NotArray)]
    [InlineData("""{"method":"A.B","params":[]}""", JsonRpcParamsKind.Array)]
    public void Parse_ParamsShapes_Classified(string request, JsonRpcParamsKind expected)
    {
        var (envelope, _) = Parse(request);

        Assert.Equal(expected, envelope.ParamsKind);
        Assert.False(envelope.HasArgument);
    }

    [Fact]
    public void Parse_ParamsWithTwoElements_ArgumentIsTheFirst()
    {
        var (envelope, frame) = Parse("""{"method":"A.B","params":[{"a":[1,2]},{"b":2},3],"id":1}""");

        Assert.Equal("""{"a":[1,2]}""", Text(frame, envelope.Argument));
        Assert.Equal("1", Text(frame, envelope.Id));
    }

    [Theory]
    [InlineData("""{"method":"A.B","params":[]}""", "")]
    [InlineData("""{"method":"A.B","params":[],"id":null}""", "")]
    [InlineData("""{"method":"A.B","params":[],"id":"abc"}""", "\"abc\"")]
    [InlineData("""{"method":"A.B","params":[],"id":-1.50e3}""", "-1.50e3")]
    [InlineData("""{"method":"A.B","params":[],"id":{"a" : [1, 2]}}""", """{"a" : [1, 2]}""")]
    public void Parse_IdOfAnyKind_KeptRaw(string request, string expectedId)
    {
        var (envelope, frame) = Parse(request);

        Assert.Equal(expectedId, Text(frame, envelope.Id));
    }

    [Theory]
    [InlineData("""[1,2]""", "json: cannot unmarshal array into Go value of type jsonrpc.serverRequest")]
    [InlineData("\"CoreSv1.Ping\"", "json: cannot unmarshal string into Go value of type jsonrpc.serverRequest")]
    [InlineData("""42""", "json: cannot unmarshal number into Go value of type jsonrpc.serverRequest")]
    [InlineData("""{"method":42}""", "json: cannot unmarshal number into Go struct field serverRequest.method of type string")]
    [InlineData("""{"method":["A.B"]}""", "json: cannot unmarshal array into Go struct field serverRequest.method of type string")]
    public void Parse_NotARequest_ThrowsInvalidEnvelope(string request, string message)
    {
        var exception = Assert.Throws<JsonRpcProtocolException>(() => JsonRpcEnvelope.Parse(Encoding.UTF8.GetBytes(request)));

        Assert.Equal(JsonRpcRejectReason.InvalidEnvelope, exception.Reason);
        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void GetMethod_LongerThanTheStackBuffer_Unescaped()
    {
        var service = new string('S', 300);
        var (envelope, frame) = Parse($$"""{"method":"{{service}}.M\u0065thod","params":[]}""");

        Assert.Equal(service + ".Method", envelope.GetMethod(frame));
        Assert.Equal(-1, envelope.CopyMethod(frame, new char[16]));
    }

    private static (JsonRpcEnvelope Envelope, byte[] Frame) Parse(string request)
    {
        var frame = Encoding.UTF8.GetBytes(request);
        return (JsonRpcEnvelope.Parse(frame), frame);
    }

    private static string Text(byte[] frame, Range range) => Encoding.UTF8.GetString(frame[range]);
}
