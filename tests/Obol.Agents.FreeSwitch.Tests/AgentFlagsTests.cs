using Obol.SessionServer;
using Xunit;

namespace Obol.Agents.FreeSwitch.Tests;

public sealed class AgentFlagsTests
{
    private const string Tutorial = "*resources;*attributes;*sessions;*routes;*thresholds;*stats;*accounts";

    [Fact]
    public void ApplyTo_AuthorizeTutorialFlags_EverySubsystem()
    {
        var args = AgentFlags.ApplyTo(new AuthorizeArgs(), Tutorial);

        Assert.True(args.GetMaxUsage && args.AuthorizeResources && args.GetAttributes && args.GetRoutes && args.ProcessThresholds && args.ProcessStats);
        Assert.Null(args.AttributeIds);
        Assert.False(args.ForceDuration);
    }

    [Fact]
    public void ApplyTo_AuthorizeIdsAndRouteOptions_Parsed()
    {
        var args = AgentFlags.ApplyTo(new AuthorizeArgs(),
            "*attributes:ATTR_1&ATTR_2;*thresholds:TH_1;*stats:ST_1;*routes_maxcost:0.5;*routes_ignore_errors;*fd");

        Assert.Equal(["ATTR_1", "ATTR_2"], args.AttributeIds);
        Assert.Equal(["TH_1"], args.ThresholdIds);
        Assert.Equal(["ST_1"], args.StatIds);
        Assert.Equal("0.5", args.RoutesMaxCost);
        Assert.True(args.RoutesIgnoreErrors && args.ForceDuration);
        Assert.False(args.GetMaxUsage);
    }

    [Fact]
    public void ApplyTo_NoFlagsVariable_OnlyTheAccountingStep()
    {
        Assert.True(AgentFlags.ApplyTo(new AuthorizeArgs(), null).GetMaxUsage);
        Assert.True(AgentFlags.ApplyTo(new InitiateArgs(), null).InitSession);
        Assert.True(AgentFlags.ApplyTo(new TerminateArgs(), null).TerminateSession);
    }

    [Fact]
    public void ApplyTo_EmptyFlagsVariable_NothingOn()
    {
        var args = AgentFlags.ApplyTo(new InitiateArgs(), "");

        Assert.False(args.InitSession || args.AllocateResources || args.GetAttributes);
    }

    [Fact]
    public void ApplyTo_InitiateAndTerminateTutorialFlags_TheirOwnSteps()
    {
        var init = AgentFlags.ApplyTo(new InitiateArgs(), Tutorial);
        var term = AgentFlags.ApplyTo(new TerminateArgs(), Tutorial);

        Assert.True(init.InitSession && init.AllocateResources && init.GetAttributes && init.ProcessThresholds && init.ProcessStats);
        Assert.True(term.TerminateSession && term.ReleaseResources && term.ProcessThresholds && term.ProcessStats);
    }

    [Theory]
    [InlineData("*attributes:ATTR_1", new[] { "ATTR_1" })]
    [InlineData("*thresholds:TH_1&TH_2", new[] { "TH_1", "TH_2" })]
    [InlineData("*stats:A:B", new[] { "A" })]
    public void Ids_FlagWithColon_ReturnsIdsAfterTheFirstColon(string flag, string[] expected) => Assert.Equal(expected, AgentFlags.Ids(flag));

    [Fact]
    public void Ids_FlagWithoutColon_ReturnsNull() => Assert.Null(AgentFlags.Ids("*attributes"));
}
