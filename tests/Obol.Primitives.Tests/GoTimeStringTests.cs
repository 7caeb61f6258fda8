using NodaTime;
using Xunit;

namespace Obol.Primitives.Tests;

public sealed class GoTimeStringTests
{
    [Theory]
    [InlineData("UTC", 0, "2014-08-04 13:00:05 +0000 UTC")]
    [InlineData("UTC", 120_000_000, "2014-08-04 13:00:05.12 +0000 UTC")]
    [InlineData("Europe/Berlin", 1, "2014-08-04 15:00:05.000000001 +0200 CEST")]
    [InlineData("America/St_Johns", 0, "2014-08-04 10:30:05 -0230 NDT")]
    public void ToGoString_ZonesAndFractions_GoTimeString(string zone, long nanos, string expected) =>
        Assert.Equal(expected, GoTime.ToGoString(Instant.FromUtc(2014, 8, 4, 13, 0, 5).PlusNanoseconds(nanos).InZone(GoTime.LoadLocation(zone)!)));

    [Fact]
    public void LoadLocation_UnknownName_Null() => Assert.Null(GoTime.LoadLocation("Mars/Olympus"));
}
