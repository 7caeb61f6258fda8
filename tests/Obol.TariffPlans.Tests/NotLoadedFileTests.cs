using Xunit;

namespace Obol.TariffPlans.Tests;

/// <summary>CGRateS plan files Obol has no subsystem for are named in a warning, and the rest of the plan loads.</summary>
public sealed class NotLoadedFileTests : IDisposable
{
    private const string Ips = "#Tenant,ID,FilterIDs\ncgrates.org,IPs1,*string:~*req.Account:1001\n";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"obol-notloaded-{Guid.NewGuid():N}");

    [Fact]
    public void ReadFiles_IpsCsv_WarningNamesItAndPlanLoads()
    {
        var result = TariffPlanReader.ReadFiles([("sub/IPs.csv", new StringReader(Ips)), ("Destinations.csv", new StringReader("DST_1,1001\n"))],
            TestPlans.Options);

        Assert.True(result.Succeeded);
        Assert.Single(result.Plan.Destinations);
        var warning = Assert.Single(result.Errors);
        Assert.True(warning.IsWarning);
        Assert.Equal("sub/IPs.csv", warning.File);
    }

    [Fact]
    public void CollectFilesThenReadFolder_IpsCsv_CollectedAndWarnedNotFailed()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "IPs.csv"), Ips);
        File.WriteAllText(Path.Combine(_folder, "Destinations.csv"), "DST_1,1001\n");

        var (files, errors) = TariffPlanReader.CollectFiles(_folder);
        var folder = TariffPlanReader.ReadFolder(_folder, TestPlans.Options);

        Assert.Empty(errors);
        Assert.Contains(files, f => f.Name == "IPs.csv");
        Assert.True(folder.Succeeded);
        Assert.Contains(folder.Errors, e => e.IsWarning && e.File == "IPs.csv" && e.Message.Contains("not loaded", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
