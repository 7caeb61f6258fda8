using NodaTime;
using Obol.Primitives;
using Xunit;

namespace Obol.Cdrs.Tests;

public class CdrJsonTests
{
    internal static Cdr Sample() => new()
    {
        Cgrid = "c1", RunId = "*default", OrderId = 3, OriginHost = "10.0.2.15", Source = "FS", OriginId = "o1",
        ToR = "*voice", RequestType = "*prepaid", Tenant = "cgrates.org", Category = "call", Account = "1001",
        Subject = "1001", Destination = "1002", SetupTime = Instant.FromUtc(2014, 8, 4, 13, 0, 0),
        AnswerTime = Instant.FromUtc(2014, 8, 4, 13, 0, 7) + Duration.FromMilliseconds(500), Usage = Usage.FromSeconds(67),
        ExtraFields = new(StringComparer.Ordinal) { ["b"] = "2", ["a"] = "ü" },
        CostSource = "*sessions", Cost = 0.7167m, CostDetails = """{"CGRID":"c1","Cost":0.7167}""",
    };

    [Fact]
    public void Serialize_EngineCdr_GoFieldOrderAndShapes()
    {
        Assert.Equal(
            """{"CGRID":"c1","RunID":"*default","OrderID":3,"OriginHost":"10.0.2.15","Source":"FS","OriginID":"o1","ToR":"*voice","RequestType":"*prepaid","Tenant":"cgrates.org","Category":"call","Account":"1001","Subject":"1001","Destination":"1002","SetupTime":"2014-08-04T13:00:00Z","AnswerTime":"2014-08-04T13:00:07.5Z","Usage":67000000000,"ExtraFields":{"a":"ü","b":"2"},"ExtraInfo":"","Partial":false,"PreRated":false,"CostSource":"*sessions","Cost":0.7167,"CostDetails":{"CGRID":"c1","Cost":0.7167}}""",
            CdrJson.Serialize(Sample()));
    }

    [Fact]
    public void Serialize_UnratedWithoutDetails_CostMinusOneAndNullDetails()
    {
        var json = CdrJson.Serialize(new Cdr());
        Assert.Contains("\"SetupTime\":\"0001-01-01T00:00:00Z\"", json);
        Assert.Contains("\"Cost\":-1,\"CostDetails\":null", json);
    }

    [Fact]
    public void SerializeExternalList_ApierV2Shape_StringsForTimesUsageAndDetails()
    {
        var external = CdrJson.SerializeExternalList([Sample()]);
        Assert.Equal(
            """[{"CGRID":"c1","RunID":"*default","OrderID":3,"OriginHost":"10.0.2.15","Source":"FS","OriginID":"o1","ToR":"*voice","RequestType":"*prepaid","Tenant":"cgrates.org","Category":"call","Account":"1001","Subject":"1001","Destination":"1002","SetupTime":"2014-08-04T13:00:00Z","AnswerTime":"2014-08-04T13:00:07Z","Usage":"1m7s","ExtraFields":{"a":"ü","b":"2"},"CostSource":"*sessions","Cost":0.7167,"CostDetails":"{\"CGRID\":\"c1\",\"Cost\":0.7167}","ExtraInfo":"","PreRated":false}]""",
            external);
        Assert.Equal("[]", CdrJson.SerializeExternalList([]));
    }

    [Fact]
    public void SerializeExternal_DataUsage_NanosecondIntegerString()
    {
        var cdr = new Cdr { ToR = "*data", Usage = new Usage(1024) };
        Assert.Contains("\"Usage\":\"1024\"", CdrJson.SerializeExternalList([cdr]));
    }

    [Fact]
    public void TryParse_SerializedCdr_RoundTripsExactly()
    {
        var json = CdrJson.Serialize(Sample());
        Assert.True(CdrJson.TryParse(json, out var cdr, out var error), error);
        Assert.Equal(json, CdrJson.Serialize(cdr));
    }

    [Fact]
    public void TryParse_ExternalCdr_ReadsStringUsageTimesAndDetails()
    {
        var external = CdrJson.SerializeExternalList([Sample()]);
        using var document = System.Text.Json.JsonDocument.Parse(external);
        Assert.True(CdrJson.TryRead(document.RootElement[0], out var cdr, out var error), error);
        Assert.Equal(Usage.FromSeconds(67), cdr.Usage);
        Assert.Equal(Instant.FromUtc(2014, 8, 4, 13, 0, 7), cdr.AnswerTime);
        Assert.Equal("""{"CGRID":"c1","Cost":0.7167}""", cdr.CostDetails);
    }

    [Fact]
    public void TryParse_BadUsage_ErrorNamesField()
    {
        Assert.False(CdrJson.TryParse("""{"Usage":"soon"}""", out _, out var error));
        Assert.Equal("Usage: time: invalid duration \"soon\"", error);
    }
}
