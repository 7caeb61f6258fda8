using Xunit;

namespace Obol.Engine.Tests;

/// <summary>cgr-engine's flags as Go's flag package reads them.</summary>
public sealed class EngineFlagsTests
{
    [Fact]
    public void Parse_BooleanFlagBeforeAnother_DoesNotTakeItsName()
    {
        var (flags, error) = EngineFlags.Parse(["-singlecpu", "-config_path", "/etc/cgrates", "-set_versions", "-memprof_timestamp=true"]);

        Assert.Null(error);
        Assert.Equal((true, "/etc/cgrates", true, true), (flags!.SingleCpu, flags.ConfigPath, flags.SetVersions, flags.MemProfTimestamp));
    }

    [Fact]
    public void Parse_ProcessAndProfilingFlags_ReadAsCgrEngineDoes()
    {
        var (flags, error) = EngineFlags.Parse(["-pid", "/run/cgr.pid", "-node_id", "node7", "-scheduled_shutdown", "1h30m",
            "-cpuprof_dir", "/tmp/p", "-memprof_dir=/tmp/m", "-memprof_interval", "500ms", "-memprof_maxfiles", "3"]);

        Assert.Null(error);
        Assert.Equal(("/run/cgr.pid", "node7", TimeSpan.FromMinutes(90), "/tmp/p", "/tmp/m", TimeSpan.FromMilliseconds(500), 3),
            (flags!.PidFile, flags.NodeId, flags.ScheduledShutdown, flags.CpuProfDir, flags.MemProfDir, flags.MemProfInterval, flags.MemProfMaxFiles));
    }

    [Fact]
    public void Parse_NoProfilingFlags_CgrEngineDefaults()
    {
        var (flags, _) = EngineFlags.Parse([]);

        Assert.Equal((TimeSpan.FromSeconds(15), 1, (TimeSpan?)null), (flags!.MemProfInterval, flags.MemProfMaxFiles, flags.ScheduledShutdown));
    }

    [Theory]
    [InlineData("-scheduled_shutdown", "soon")]
    [InlineData("-memprof_interval", "-1s")]
    [InlineData("-memprof_maxfiles", "many")]
    public void Parse_BadValue_NamesTheFlag(string flag, string value)
    {
        var (flags, error) = EngineFlags.Parse([flag, value]);

        Assert.Null(flags);
        Assert.Equal($"invalid value \"{value}\" for flag {flag}: parse error", error);
    }

    [Fact]
    public void Parse_FlagsWithoutAnEffectHere_AcceptedAndListed()
    {
        var (flags, error) = EngineFlags.Parse(["-preload", "L1,L2", "-httprof_path", "/pprof"]);

        Assert.Null(error);
        Assert.Equal(["preload", "httprof_path"], flags!.Ignored);
    }
}
