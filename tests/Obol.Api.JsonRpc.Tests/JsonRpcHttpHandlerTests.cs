using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Obol.Api.JsonRpc.Tests;

public sealed class JsonRpcHttpHandlerTests : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = Guard.Timeout };
    private WebApplication _app = null!;
    private Uri _url = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapJsonRpc(TestServices.Create());
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _url = new Uri(new Uri(address), JsonRpcEndpointRouteBuilderExtensions.DefaultPattern);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Post_Ping_GoldenBodyAsJson()
    {
        using var response = await _http.PostAsync(_url, new StringContent(Requests.Ping));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Encoding.UTF8.GetByteCount(Requests.PingReply), response.Content.Headers.ContentLength);
        Assert.Equal(Requests.PingReply, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_WithOrigin_CorsHeadersEchoed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new StringContent(Requests.Ping) };
        request.Headers.Add("Origin", "http://console.example");

        using var response = await _http.SendAsync(request);

        Assert.Equal("http://console.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("POST, GET, OPTIONS, PUT, DELETE", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal(Requests.PingReply, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_ErrorReply_InTheBodyWithStatusOk()
    {
        using var response = await _http.PostAsync(_url, new StringContent("""{"method":"Test.NotFound","params":[{}],"id":"h"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"id\":\"h\",\"result\":null,\"error\":\"NOT_FOUND\"}\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_MalformedBody_EmptyOkReplyAndTheEndpointKeepsServing()
    {
        using var malformed = await _http.PostAsync(_url, new StringContent("{\"method\":"));
        using var next = await _http.PostAsync(_url, new StringContent(Requests.Ping));

        Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
        Assert.Equal("", await malformed.Content.ReadAsStringAsync());
        Assert.Equal(Requests.PingReply, await next.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_TwoRequestsInOneBody_BothAnsweredLikeGoServeCodec()
    {
        var body = Requests.Call("Test.EchoString", "\"one\"", 1) + "\n" + Requests.Call("Test.EchoString", "\"two\"", 2);

        using var response = await _http.PostAsync(_url, new StringContent(body));
        var replies = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["{\"id\":1,\"result\":\"one\",\"error\":null}", "{\"id\":2,\"result\":\"two\",\"error\":null}"], replies.Order());
    }

    [Fact]
    public async Task Get_EmptyBody_EmptyOkReply()
    {
        using var response = await _http.GetAsync(_url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }
}
