using Xunit;

namespace Obol.TariffPlans.Tests;

/// <summary>IPs.csv, once a CGRateS plan file Obol had no subsystem for and named in a "not loaded" warning, is now read
/// like the other plan files, from memory and from a folder.</summary>
public sealed class NotLoadedFileTests : IDisposable
{
    private const string Ips = "#Tenant,ID,FilterIDs,ActivationInterval,TTL,Stored,Weight,PoolID,PoolFilterIDs,PoolType,PoolRange,"
        + "PoolStrategy,PoolMessage,PoolWeight,PoolBlocker\n"
        + "cgrates.org,IPs1,*string:~*req.Account:1001,,,,,POOL1,,*ipv4,10.0.0.1/32,*ascending,,,\n";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"obol-notloaded-{Guid.NewGuid():N}");

    [Fact]
    public void ReadFiles_IpsCsv_IsLoadedWithoutWarning()
    {
        var result = TariffPlanReader.ReadFiles([("sub/IPs.csv", new StringReader(Ips)), ("Destinations.csv", new StringReader("DST_1,1001\n"))],
            TestPlans.Options);

        Assert.Empty(result.Errors);
        Assert.Single(result.Plan.Destinations);
        Assert.Equal(new SourceLocation("sub/IPs.csv", 2), Assert.Single(result.Plan.Ips).Location);
    }

    [Fact]
    public void CollectFilesThenReadFolder_IpsCsv_CollectedAndLoadedWithoutWarning()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "IPs.csv"), Ips);
        File.WriteAllText(Path.Combine(_folder, "Destinations.csv"), "DST_1,1001\n");

        var (files, errors) = TariffPlanReader.CollectFiles(_folder);
        var folder = TariffPlanReader.ReadFolder(_folder, TestPlans.Options);

        Assert.Empty(errors);
        Assert.Single(files, f => f.Name == "IPs.csv");
        Assert.Empty(folder.Errors);
        Assert.Equal("IPs1", Assert.Single(folder.Plan.Ips).Id);
        Assert.Equal("IPs1", Assert.Single(TariffPlanReader.ReadFiles(files, TestPlans.Options).Plan.Ips).Id);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
