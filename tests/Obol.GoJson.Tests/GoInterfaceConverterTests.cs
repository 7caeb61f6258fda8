using System.Text.Json;
using NodaTime;
using Obol.Primitives;

namespace Obol.GoJson.Tests;

public sealed class GoInterfaceConverterTests
{
    private sealed record Holder(Dictionary<string, object?> Event);

    [Fact]
    public void Deserialize_EventMap_GoInterfaceValues()
    {
        var holder = JsonSerializer.Deserialize<Holder>(
            """{"Event":{"Account":"1001","Usage":60000000000,"Cost":0.1,"Big":1e400,"Ok":true,"No":false,"Nil":null,"List":[1,"a"],"Map":{"k":2}}}""",
            GoJsonOptions.Default)!;

        var ev = holder.Event;
        Assert.Equal("1001", ev["Account"]);
        Assert.Equal(60000000000m, ev["Usage"]);
        Assert.Equal(0.1m, ev["Cost"]);
        Assert.Equal(double.PositiveInfinity, Assert.IsType<double>(ev["Big"]));
        Assert.Equal(true, ev["Ok"]);
        Assert.Equal(false, ev["No"]);
        Assert.Null(ev["Nil"]);
        Assert.Equal([1m, "a"], Assert.IsType<List<object?>>(ev["List"]));
        Assert.Equal(2m, Assert.IsType<Dictionary<string, object?>>(ev["Map"])["k"]);
    }

    [Fact]
    public void Serialize_TypedValues_AsGoMarshalsThem()
    {
        var holder = new Holder(new Dictionary<string, object?>
        {
            ["Usage"] = Usage.FromSeconds(67),
            ["AnswerTime"] = Instant.FromUtc(2026, 1, 5, 10, 0),
            ["Cost"] = 1.50m,
            ["Nested"] = new Dictionary<string, object?> { ["b"] = 1L, ["a"] = null },
            ["Flags"] = new List<object?> { "x", true },
        });

        var json = JsonSerializer.Serialize(holder, GoJsonOptions.Default);

        Assert.Equal(
            """{"Event":{"AnswerTime":"2026-01-05T10:00:00Z","Cost":1.5,"Flags":["x",true],"Nested":{"a":null,"b":1},"Usage":67000000000}}""",
            json);
    }

    [Fact]
    public void RoundTrip_DecodedEvent_SameJson()
    {
        const string text = """{"Event":{"A":"x","B":1.25,"C":[{"D":false}]}}""";

        var json = JsonSerializer.Serialize(JsonSerializer.Deserialize<Holder>(text, GoJsonOptions.Default), GoJsonOptions.Default);

        Assert.Equal(text, json);
    }
}
