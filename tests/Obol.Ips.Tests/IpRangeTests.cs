using System.Net;
using Xunit;

namespace Obol.Ips.Tests;

public class IpRangeTests
{
    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.1", "254")]
    [InlineData("10.0.0.8/30", "10.0.0.9", "2")]
    [InlineData("10.0.0.8/31", "10.0.0.8", "2")]
    [InlineData("10.0.0.77/24", "10.0.0.1", "254")]
    [InlineData("192.168.122.1/32", "192.168.122.1", "1")]
    [InlineData("192.168.122.1", "192.168.122.1", "1")]
    [InlineData("2001:db8::/126", "2001:db8::", "4")]
    [InlineData("2001:db8::/64", "2001:db8::", "18446744073709551616")]
    public void TryParse_Range_FirstAddressAndCount(string text, string first, string count)
    {
        Assert.True(IpRange.TryParse(text, out var range, out var error), error);

        Assert.Equal((IPAddress.Parse(first), UInt128.Parse(count, System.Globalization.CultureInfo.InvariantCulture)), (range.First, range.Count));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0")]
    [InlineData("pool")]
    [InlineData("10.0.0.0/024")]
    [InlineData("fe80::1%eth0")]
    [InlineData("")]
    public void TryParse_NotARange_ErrorNamesIt(string text)
    {
        Assert.False(IpRange.TryParse(text, out _, out var error));

        Assert.Contains($"<{text}>", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AddressAt_LastOffsetOfSlash24_IsBeforeBroadcast()
    {
        Assert.True(IpRange.TryParse("10.1.2.0/24", out var range, out _));

        Assert.Equal(IPAddress.Parse("10.1.2.254"), range.AddressAt(253));
        Assert.True(range.TryOffsetOf(IPAddress.Parse("10.1.2.254"), out var offset));
        Assert.Equal((UInt128)253, offset);
        Assert.False(range.TryOffsetOf(IPAddress.Parse("10.1.2.255"), out _));
        Assert.False(range.TryOffsetOf(IPAddress.Parse("10.1.3.1"), out _));
    }
}
