using System.Text;
using Xunit;

namespace Obol.Esl.Tests;

public sealed class EslUrlEncodingTests
{
    [Theory]
    [InlineData("%2BAUTH_OK", "+AUTH_OK")]
    [InlineData("a+b", "a+b")]
    [InlineData("1001%40127.0.0.1", "1001@127.0.0.1")]
    [InlineData("%3a%3A", "::")]
    [InlineData("caf%C3%A9", "café")]
    [InlineData("100%", "100%")]
    [InlineData("50%2", "50%2")]
    [InlineData("%zz%4", "%zz%4")]
    [InlineData("%%41", "%A")]
    [InlineData("*prepaid", "*prepaid")]
    [InlineData("", "")]
    public void Decode_FreeSwitchValue_DecodesPercentEscapesOnly(string encoded, string expected)
    {
        Assert.Equal(expected, EslUrlEncoding.Decode(Encoding.UTF8.GetBytes(encoded)));
        Assert.Equal(expected, EslUrlEncoding.Decode(encoded));
    }

    [Fact]
    public void Decode_LongValue_UsesTheSameRulesAsShortOnes()
    {
        var encoded = string.Concat(Enumerable.Repeat("a%20b+", 200));

        Assert.Equal(string.Concat(Enumerable.Repeat("a b+", 200)), EslUrlEncoding.Decode(encoded));
    }

    [Theory]
    [InlineData("+AUTH_OK", "%2BAUTH_OK")]
    [InlineData("Fri, 22 Dec 2023 15:12:32 GMT", "Fri,%2022%20Dec%202023%2015%3A12%3A32%20GMT")]
    [InlineData("ARRAY::3|:supplier2", "ARRAY%3A%3A3%7C%3Asupplier2")]
    [InlineData("SIP/2.0/UDP", "SIP/2.0/UDP")]
    [InlineData("*prepaid;*rated", "*prepaid%3B*rated")]
    [InlineData("\"1001\" <sip:1001@h>", "%221001%22%20%3Csip%3A1001%40h%3E")]
    [InlineData("v=0\r\n", "v%3D0%0D%0A")]
    [InlineData("é", "%C3%A9")]
    [InlineData("100%41", "100%2541")]
    public void Encode_Value_MatchesFreeSwitchEscaping(string value, string expected)
    {
        Assert.Equal(expected, EslUrlEncoding.Encode(value));
        Assert.Equal(value, EslUrlEncoding.Decode(expected));
    }
}
