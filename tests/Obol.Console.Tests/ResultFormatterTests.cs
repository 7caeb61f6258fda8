using System.Text;
using Xunit;

namespace Obol.Console.Tests;

public class ResultFormatterTests
{
    private static string Format(string command, string json) =>
        ResultFormatter.Format(CommandRegistry.Commands[command].Spec, Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Format_Default_IndentsWithOneSpace() =>
        Assert.Equal("{\n \"b\": [\n  1,\n  2\n ],\n \"a\": {}\n}", Format("status", "{\"b\":[1,2],\"a\":{}}"));

    [Fact]
    public void Format_String_StaysQuoted() => Assert.Equal("\"OK\"", Format("balance_set", "\"OK\""));

    [Fact]
    public void Format_Cost_SortsKeysAndConvertsDurations() =>
        Assert.Equal("{\n \"Cost\": 0.6,\n \"Rates\": [\n  {\n   \"GroupIntervalStart\": \"0s\",\n   \"RateUnit\": \"1m0s\"\n  }\n ],\n \"Usage\": \"1m25s\"\n}",
            Format("cost", "{\"Usage\":85000000000,\"Cost\":0.6,\"Rates\":[{\"RateUnit\":60000000000,\"GroupIntervalStart\":0}]}"));

    [Fact]
    public void Format_SessionInitiate_MaxUsageQuirk() =>
        Assert.Equal("{\n \"MaxUsage\": \"10.8µs\"\n}", Format("session_initiate", "{\"MaxUsage\":10800}"));

    [Fact]
    public void Format_SortedMap_NumbersAsGoPercentV() =>
        Assert.Equal("{\n \"A\": 1e+06,\n \"B\": 123456,\n \"C\": 1e-05\n}", Format("cost", "{\"C\":0.00001,\"B\":123456,\"A\":1000000}"));

    [Fact]
    public void Format_Accounts_SortsEachElementAndConvertsMinSleep() =>
        Assert.Equal("[\n {\n  \"ID\": \"cgrates.org:1001\",\n  \"MinSleep\": \"1s\"\n }\n]",
            Format("accounts", "[{\"MinSleep\":1000000000,\"ID\":\"cgrates.org:1001\"}]"));

    [Fact]
    public void Format_MaxDuration_PrintsGoDuration() => Assert.Equal("\"1m0s\"", Format("maxduration", "60000000000"));

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-7, "1e-07")]
    [InlineData(23, "23")]
    public void GoFloatJson_MatchesGoEncoding(double value, string expected) => Assert.Equal(expected, GoFloat.Json(value));
}
