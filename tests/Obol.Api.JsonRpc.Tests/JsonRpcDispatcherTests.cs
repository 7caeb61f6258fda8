using System.Text;

namespace Obol.Api.JsonRpc.Tests;

public sealed class JsonRpcDispatcherTests
{
    private readonly List<string> _log = [];
    private readonly JsonRpcDispatcher _dispatcher;

    public JsonRpcDispatcherTests() => _dispatcher = TestServices.Create(_log);

    [Fact]
    public async Task Invoke_Ping_GoldenReply() =>
        Assert.Equal(Requests.PingReply, await Invoke(Requests.Ping));

    [Fact]
    public async Task Invoke_ErrorResult_GoldenReplyWithVerbatimError() =>
        Assert.Equal("{\"id\":2,\"result\":null,\"error\":\"NOT_FOUND\"}\n",
            await Invoke("""{"method":"Test.NotFound","params":[{}],"id":2}"""));

    [Fact]
    public async Task Invoke_RpcException_ErrorSentVerbatim() =>
        Assert.Equal("{\"id\":3,\"result\":null,\"error\":\"MANDATORY_IE_MISSING: [Tenant Account]\"}\n",
            await Invoke("""{"method":"Test.Missing","params":[{}],"id":3}"""));

    [Theory]
    [InlineData("Test.Throw", "SERVER_ERROR: boom")]
    [InlineData("Test.ThrowAsync", "SERVER_ERROR: late boom")]
    public async Task Invoke_HandlerThrows_ServerErrorAndLogged(string method, string error)
    {
        var reply = await Invoke(Requests.Call(method, "{}", 4));

        Assert.Equal($"{{\"id\":4,\"result\":null,\"error\":\"{error}\"}}\n", reply);
        Assert.Contains(_log, line => line.Contains(method, StringComparison.Ordinal) && line.Contains("InvalidOperationException", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"method":"Nope.Ping","params":[{}],"id":5}""", "rpc: can't find service Nope.Ping")]
    [InlineData("""{"method":"CoreSv1.Nope","params":[{}],"id":5}""", "rpc: can't find method CoreSv1.Nope")]
    [InlineData("""{"method":"CoreSv1.Ping.Extra","params":[{}],"id":5}""", "rpc: can't find service CoreSv1.Ping.Extra")]
    [InlineData("""{"method":"Ping","params":[{}],"id":5}""", "rpc: service/method request ill-formed: Ping")]
    [InlineData("""{"params":[{}],"id":5}""", "rpc: service/method request ill-formed: ")]
    [InlineData("""{"method":"coresv1.ping","params":[{}],"id":5}""", "rpc: can't find service coresv1.ping")]
    [InlineData("""{"method":"CoreSv1.Nope","id":5}""", "rpc: can't find method CoreSv1.Nope")]
    [InlineData("""{"method":"CoreSv1.Ping","id":5}""", "jsonrpc: request body missing params")]
    [InlineData("""{"method":"CoreSv1.Ping","params":null,"id":5}""", "jsonrpc: request body missing params")]
    [InlineData("""{"method":"CoreSv1.Ping","params":{},"id":5}""", "json: cannot unmarshal object into Go value of type [1]interface {}")]
    [InlineData("""{"method":"CoreSv1.Ping","params":"x","id":5}""", "json: cannot unmarshal string into Go value of type [1]interface {}")]
    public async Task Invoke_RequestGoRejectsBeforeTheCall_GoErrorText(string request, string error) =>
        Assert.Equal($"{{\"id\":5,\"result\":null,\"error\":\"{error}\"}}\n", await Invoke(request));

    [Fact]
    public async Task Invoke_ParamsWithTwoElements_FirstIsTheArgumentRestIgnored()
    {
        // Go's jsonrpc decodes params into a one-element array; encoding/json discards extra array elements silently.
        var reply = await Invoke("""{"method":"Test.EchoString","params":["first",{"second":2},3],"id":6}""");

        Assert.Equal("{\"id\":6,\"result\":\"first\",\"error\":null}\n", reply);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[null]")]
    public async Task Invoke_NoArgument_HandlerGetsZeroValue(string parameters)
    {
        var echo = await Invoke($$"""{"method":"Test.Echo","params":{{parameters}},"id":7}""");
        var text = await Invoke($$"""{"method":"Test.EchoString","params":{{parameters}},"id":7}""");

        Assert.Equal("{\"id\":7,\"result\":{\"Tenant\":null,\"Count\":0,\"Usage\":0,\"Items\":null,\"Weights\":null},\"error\":null}\n", echo);
        Assert.Equal("{\"id\":7,\"result\":\"\",\"error\":null}\n", text);
    }

    [Fact]
    public async Task Invoke_ArgumentKeysInAnyCaseAndUnknownKeys_DecodedLikeGo()
    {
        var reply = await Invoke("""{"method":"Test.Echo","params":[{"tenant":"cgrates.org","COUNT":3,"Usage":"1m25s","Unknown":{"x":1}}],"id":8}""");

        Assert.Equal("{\"id\":8,\"result\":{\"Tenant\":\"cgrates.org\",\"Count\":3,\"Usage\":85000000000,\"Items\":null,\"Weights\":null},\"error\":null}\n", reply);
    }

    [Theory]
    [InlineData("""{"Debug":"yes"}""", "CoreSv1.Status",
        "json: cannot unmarshal string into Go struct field StatusArgs.Debug of type bool (CoreSv1.Status)")]
    [InlineData("""{"timezone":5}""", "CoreSv1.Status",
        "json: cannot unmarshal number into Go struct field StatusArgs.Timezone of type string (CoreSv1.Status)")]
    [InlineData("\"Debug\"", "CoreSv1.Status",
        "json: cannot unmarshal string into Go value of type StatusArgs (CoreSv1.Status)")]
    [InlineData("""{"Items":[{"Name":"a","Weight":1},{"Name":"b","Weight":true}]}""", "Test.Echo",
        "json: cannot unmarshal bool into Go struct field Item.Items.Weight of type int (Test.Echo)")]
    // GoMapConverter restarts the serializer's path inside a map, so the field is unknown; the type is still right.
    [InlineData("""{"Weights":{"w1":"heavy"}}""", "Test.Echo", "json: cannot unmarshal value into Go value of type int (Test.Echo)")]
    [InlineData("""{"Usage":"soon"}""", "Test.Echo",
        "json: cannot unmarshal string into Go struct field EchoArgs.Usage of type time.Duration: invalid duration \\\"soon\\\" (Test.Echo)")]
    [InlineData("1", "CoreSv1.Ping", "json: cannot unmarshal number into Go value of type PingArgs (CoreSv1.Ping)")]
    public async Task Invoke_ArgumentOfWrongType_GoStyleErrorNamingFieldAndMethod(string argument, string method, string error) =>
        Assert.Equal($"{{\"id\":9,\"result\":null,\"error\":\"{error}\"}}\n", await Invoke(Requests.Call(method, argument, 9)));

    [Theory]
    [InlineData("""{"method":"CoreSv1.Ping","params":[{}],"id":"abc"}""", "\"abc\"")]
    [InlineData("""{"method":"CoreSv1.Ping","params":[{}],"id":-1.50e3}""", "-1.50e3")]
    [InlineData("""{"method":"CoreSv1.Ping","params":[{}],"id":null}""", "null")]
    [InlineData("""{"method":"CoreSv1.Ping","params":[{}]}""", "null")]
    [InlineData("""{"method":"CoreSv1.Ping","params":[{}],"id":{ "seq" : [1, "a b"] }}""", """{"seq":[1,"a b"]}""")]
    [InlineData("""{"method":"CoreSv1.Ping","params":[{}],"id":"<a&b>\u2028"}""", "\"\\u003ca\\u0026b\\u003e\\u2028\"")]
    [InlineData("""{"method":"CoreSv1.Ping","params":[{}],"id":"<\u2028>"}""", "\"\\u003c\\u2028\\u003e\"")]
    [InlineData("""{"method":"CoreSv1.Ping","params":[{}],"id":[ "q\" <x> \\" , 1 ]}""", "[\"q\\\" \\u003cx\\u003e \\\\\",1]")]
    public async Task Invoke_AnyId_EchoedCompactedLikeGoRawMessage(string request, string id) =>
        Assert.Equal($"{{\"id\":{id},\"result\":\"Pong\",\"error\":null}}\n", await Invoke(request));

    [Fact]
    public async Task Invoke_IdWithRawLineSeparator_EscapedLikeGo()
    {
        var request = Encoding.UTF8.GetBytes("{\"method\":\"CoreSv1.Ping\",\"params\":[{}],\"id\":\"a\u2028b\u2029<\"}");

        var reply = Encoding.UTF8.GetString(await _dispatcher.InvokeAsync(request));

        Assert.Equal("{\"id\":\"a\\u2028b\\u2029\\u003c\",\"result\":\"Pong\",\"error\":null}\n", reply);
    }

    [Fact]
    public async Task Invoke_ResultAndErrorStrings_EscapedLikeGo()
    {
        var reply = await Invoke("""{"method":"Test.EchoString","params":["<b> & é\n"],"id":10}""");

        Assert.Equal("{\"id\":10,\"result\":\"\\u003cb\\u003e \\u0026 é\\n\",\"error\":null}\n", reply);
    }

    [Fact]
    public async Task Invoke_RawHandler_ResultWrittenVerbatim()
    {
        var reply = await Invoke("""{"method":"Test.Raw","params":[{"a":[1,2]}],"id":11}""");

        Assert.Equal("{\"id\":11,\"result\":{\"a\":[1,2]},\"error\":null}\n", reply);
    }

    [Fact]
    public async Task AddPing_AnyService_AnswersPongAndRejectsNonObjectArgument()
    {
        _dispatcher.AddPing("APIerSv1");

        Assert.Equal("{\"id\":1,\"result\":\"Pong\",\"error\":null}\n", await Invoke(Requests.Call("APIerSv1.Ping", "{\"Tenant\":\"cgrates.org\"}", 1)));
        Assert.Equal("{\"id\":1,\"result\":null,\"error\":\"json: cannot unmarshal number into Go value of type PingArgs (APIerSv1.Ping)\"}\n",
            await Invoke(Requests.Call("APIerSv1.Ping", "1", 1)));
    }

    [Fact]
    public async Task RemoveService_Registered_MethodsGone()
    {
        Assert.True(_dispatcher.RemoveService("Test"));

        Assert.False(_dispatcher.RemoveService("Test"));
        Assert.DoesNotContain(_dispatcher.Methods, m => m.StartsWith("Test.", StringComparison.Ordinal));
        Assert.Contains("rpc: can't find service Test.Echo", await Invoke(Requests.Call("Test.Echo", "{}", 1)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CoreSv1.Ping")]
    public void Add_SameMethodTwice_Throws(string method) =>
        Assert.Throws<InvalidOperationException>(() => _dispatcher.AddPing(method[..method.IndexOf('.', StringComparison.Ordinal)]));

    [Theory]
    [InlineData("Ping")]
    [InlineData(".Ping")]
    [InlineData("CoreSv1.")]
    public void Add_NameWithoutServiceAndMethod_Throws(string method) =>
        Assert.Throws<ArgumentException>(() => _dispatcher.Add<string, string>(method, static (s, _) => ValueTask.FromResult(RpcResult.Ok(s))));

    [Fact]
    public async Task Invoke_NotARequestObject_ThrowsProtocolError() =>
        await Assert.ThrowsAsync<JsonRpcProtocolException>(async () => await _dispatcher.InvokeAsync("[1]"u8.ToArray()));

    [Fact]
    public async Task AddEmbedded_EmbeddingDefinesOneAndShadowsAnother_RestAnsweredUnderItsName()
    {
        _dispatcher.Add<string, string>("Inner.Echo", static (s, _) => ValueTask.FromResult(RpcResult.Ok("inner " + s)));
        _dispatcher.Add<string, string>("Inner.Own", static (s, _) => ValueTask.FromResult(RpcResult.Ok("inner own")));
        _dispatcher.Add<string, string>("Inner.Other", static (s, _) => ValueTask.FromResult(RpcResult.Ok("inner other")));
        _dispatcher.Add<string, string>("Outer.Own", static (s, _) => ValueTask.FromResult(RpcResult.Ok("outer own")));

        var added = _dispatcher.AddEmbedded("Inner", "Outer", "Other");

        Assert.Equal(1, added);
        Assert.Equal("{\"id\":1,\"result\":\"inner x\",\"error\":null}\n", await Invoke("""{"method":"Outer.Echo","params":["x"],"id":1}"""));
        Assert.Equal("{\"id\":2,\"result\":\"outer own\",\"error\":null}\n", await Invoke("""{"method":"Outer.Own","params":["x"],"id":2}"""));
        Assert.Equal("{\"id\":3,\"result\":null,\"error\":\"rpc: can't find method Outer.Other\"}\n",
            await Invoke("""{"method":"Outer.Other","params":["x"],"id":3}"""));
    }

    private async Task<string> Invoke(string request) =>
        Encoding.UTF8.GetString(await _dispatcher.InvokeAsync(Encoding.UTF8.GetBytes(request)));
}
