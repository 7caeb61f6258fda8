using NodaTime;
using Xunit;

namespace Obol.Resources.Tests;

public class ResourceJsonTests
{
    [Fact]
    public void TryFromJson_CgratesResourceWithTtlIndex_RoundTripsByteForByte()
    {
        const string json = """{"Tenant":"cgrates.org","ID":"RES_1","Usages":{"a":{"Tenant":"cgrates.org","ID":"a","ExpiryTime":"2026-01-01T12:00:30.5Z","Units":1.5},"b":{"Tenant":"cgrates.org","ID":"b","ExpiryTime":"0001-01-01T00:00:00Z","Units":2}},"TTLIdx":["a"]}""";

        Assert.True(Resource.TryFromJson(json, out var resource, out var error), error);

        Assert.Equal(3.5m, resource.TotalUsage);
        Assert.Equal(Instant.FromUtc(2026, 1, 1, 12, 0, 30) + Duration.FromMilliseconds(500), resource.Usages["a"].ExpiryTime);
        Assert.False(resource.Usages["b"].Expires);
        Assert.Equal(json, resource.ToJson());
    }

    [Fact]
    public void TryFromJson_NotAnObject_Error()
    {
        Assert.False(Resource.TryFromJson("[]", out _, out var error));
        Assert.Equal("resource JSON is not an object", error);
    }
}
