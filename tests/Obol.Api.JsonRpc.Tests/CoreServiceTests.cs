using System.Text;
using System.Text.Json;
using NodaTime;
using Obol.Primitives;

namespace Obol.Api.JsonRpc.Tests;

public sealed class CoreServiceTests
{
    private readonly JsonRpcDispatcher _dispatcher = TestServices.Create();

    [Fact]
    public async Task Status_Condensed_CgratesKeys()
    {
        var result = await Result("""{"method":"CoreSv1.Status","params":[{}],"id":1}""");

        Assert.Equal(
            ["active_memory", "cpu_time", "go_version", "goroutines", "node_id", "open_files", "os_threads_in_use", "pid",
                "resident_memory", "running_since", "system_memory", "version"],
            result.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Environment.ProcessId, result.GetProperty("pid").GetInt32());
        Assert.Equal("node-1", result.GetProperty("node_id").GetString());
        Assert.True(Usage.TryParse(result.GetProperty("cpu_time").GetString(), out _));
    }

    [Fact]
    public async Task Status_Debug_RawMetricMaps()
    {
        var result = await Result("""{"method":"CoreSv1.Status","params":[{"Debug":true}],"id":1}""");

        Assert.Equal(
            ["caps_stats", "gc_duration_stats", "go_version", "goroutines", "maxprocs", "mem_limit", "mem_stats", "node_id", "pid",
                "proc_stats", "threads", "version"],
            result.EnumerateObject().Select(p => p.Name));
        Assert.True(result.GetProperty("mem_stats").GetProperty("total_alloc").GetInt64() > 0);
        Assert.True(result.GetProperty("proc_stats").GetProperty("resident_memory").GetInt64() > 0);
    }

    [Fact]
    public async Task Status_ZoneNamed_RunningSinceInThatZone()
    {
        var result = await Result("""{"method":"CoreSv1.Status","params":[{"Timezone":"Asia/Tokyo"}],"id":1}""");

        Assert.Matches("^[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} JST [0-9]{4}$", result.GetProperty("running_since").GetString());
    }

    [Fact]
    public async Task Status_UnknownZone_ErrorLikeCgrates()
    {
        var reply = Encoding.UTF8.GetString(await _dispatcher.InvokeAsync(
            """{"method":"CoreSv1.Status","params":[{"Timezone":"Mars/Olympus"}],"id":1}"""u8.ToArray()));

        Assert.Equal("{\"id\":1,\"result\":null,\"error\":\"could not convert StatusMetrics to map[string]any: unknown time zone Mars/Olympus\"}\n", reply);
    }

    [Fact]
    public async Task Sleep_ZeroDuration_Ok()
    {
        var reply = Encoding.UTF8.GetString(await _dispatcher.InvokeAsync("""{"method":"CoreSv1.Sleep","params":[{"Duration":"0s"}],"id":1}"""u8.ToArray()));

        Assert.Equal("{\"id\":1,\"result\":\"OK\",\"error\":null}\n", reply);
    }

    [Theory]
    [InlineData("UTC", "Mon Aug  4 13:00:05 UTC 2014")]
    [InlineData("Europe/Berlin", "Mon Aug  4 15:00:05 CEST 2014")]
    [InlineData("America/New_York", "Mon Aug  4 09:00:05 EDT 2014")]
    public void UnixDate_KnownInstant_GoLayout(string zone, string expected) =>
        Assert.Equal(expected, CoreStatus.UnixDate(Instant.FromUtc(2014, 8, 4, 13, 0, 5).InZone(GoTime.LoadLocation(zone)!)));

    [Fact]
    public void UnixDate_TwoDigitDay_NoPadding() =>
        Assert.Equal("Tue Nov 25 21:47:00 UTC 2025", CoreStatus.UnixDate(Instant.FromUtc(2025, 11, 25, 21, 47).InUtc()));

    [Theory]
    [InlineData(0, "0.0B")]
    [InlineData(512, "512.0B")]
    [InlineData(1023, "1023.0B")]
    [InlineData(1536, "1.5KiB")]
    [InlineData(47_500_000, "45.3MiB")]
    [InlineData(3L * 1024 * 1024 * 1024, "3.0GiB")]
    public void SizeFormat_Bytes_LikeCgratesSizeFmt(long bytes, string expected) =>
        Assert.Equal(expected, CoreStatus.SizeFormat(bytes));

    private async Task<JsonElement> Result(string request)
    {
        var reply = await _dispatcher.InvokeAsync(Encoding.UTF8.GetBytes(request));
        using var document = JsonDocument.Parse(reply);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("error").ValueKind);
        return document.RootElement.GetProperty("result").Clone();
    }
}
