using Xunit;

namespace Obol.TariffPlans.Tests;

/// <summary>Plan files as rows: read, written back, merged by StorDB's IDs.</summary>
public sealed class PlanCsvTests
{
    [Fact]
    public void Write_FieldsWithSeparatorQuoteOrHash_QuotedAndReadBack()
    {
        string[][] rows = [["cgrates.org", "F1", "*string", "~*req.Account", "a,b;\"c\"", ""], ["#x", "F2", "*prefix", "~*req.Destination", "10", ""]];

        var text = PlanCsv.Write("Filters.csv", rows);

        Assert.StartsWith("#Tenant,ID,Type,Element,Values,ActivationInterval\n", text, StringComparison.Ordinal);
        Assert.Equal(rows, PlanCsv.ReadRows("Filters.csv", text));
    }

    [Fact]
    public void Merge_RowsOfNamedIds_ReplaceThoseInForceOthersKept()
    {
        TariffPlanFile[] inForce =
        [
            new("Attributes.csv", "cgrates.org,A1,*any,,,,*req.X,*constant,1,false,10\ncgrates.org,A2,*any,,,,*req.X,*constant,2,false,10\n"),
            new("Destinations.csv", "D1,10\nD1,11\nD2,20\n"),
            new("README.md", "kept"),
        ];
        TariffPlanFile[] over =
        [
            new("Attributes.csv", "cgrates.net,A1,*any,,,,*req.X,*constant,9,false,10\ncgrates.org,A2,*any,,,,*req.X,*constant,3,false,10\n"),
            new("Destinations.csv", "D1,12\n"),
            new("Rates.csv", "R1,0,1,60s,60s,0s\n"),
        ];

        var merged = PlanCsv.Merge(inForce, over).ToDictionary(f => f.Name);

        Assert.Equal(["Attributes.csv", "Destinations.csv", "README.md", "Rates.csv"], merged.Keys);
        Assert.Equal(["cgrates.org:A1:1", "cgrates.net:A1:9", "cgrates.org:A2:3"],
            PlanCsv.ReadRows("Attributes.csv", merged["Attributes.csv"].Text).Select(r => $"{r[0]}:{r[1]}:{r[8]}"));
        Assert.Equal(["D2:20", "D1:12"], PlanCsv.ReadRows("Destinations.csv", merged["Destinations.csv"].Text).Select(r => $"{r[0]}:{r[1]}"));
        Assert.Equal("kept", merged["README.md"].Text);
    }

    [Fact]
    public void MergeKeepingLines_FileOverInForce_ItsTextFirstUnchangedThenTheRowsKept()
    {
        TariffPlanFile[] inForce = [new("Destinations.csv", "#Id,Prefix\nD1,10\nD2,20\n")];
        const string folder = "#Id,Prefix\n\n# a comment the user wrote\nD1,12";

        var merged = Assert.Single(PlanCsv.MergeKeepingLines(inForce, [new("Destinations.csv", folder)]));

        Assert.StartsWith(folder + "\n", merged.Text, StringComparison.Ordinal);
        Assert.Equal(["D1:12", "D2:20"], PlanCsv.ReadRows("Destinations.csv", merged.Text).Select(r => $"{r[0]}:{r[1]}"));
    }

    [Fact]
    public void Without_IdsTheRemovedFilesName_EveryRowOfThemGoesOtherFilesAndIdsStay()
    {
        TariffPlanFile[] inForce =
        [
            new("Destinations.csv", "#Id,Prefix\nD1,10\nD1,11\nD2,20\n"),
            new("RatingProfiles.csv", "#Tenant,Category,Subject,ActivationTime,RatingPlanId,RatesFallbackSubject\n" +
                "cgrates.org,call,1001,2014-01-14T00:00:00Z,RP_1,\ncgrates.org,call,1001,2015-01-14T00:00:00Z,RP_2,\ncgrates.org,call,1002,2014-01-14T00:00:00Z,RP_1,\n"),
            new("Rates.csv", "#Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart\nRT_1,0,1,60s,60s,0s\n"),
        ];
        TariffPlanFile[] removed =
        [
            new("Destinations.csv", "#Id,Prefix\nD1,10\n"),
            new("RatingProfiles.csv", "#Tenant,Category,Subject,ActivationTime,RatingPlanId,RatesFallbackSubject\n" +
                "cgrates.org,call,1001,2014-01-14T00:00:00Z,RP_1,\n"),
        ];

        var remaining = PlanCsv.Without(inForce, removed);

        Assert.Equal(["D2"], PlanCsv.IdsOf(remaining, "Destinations.csv"));
        Assert.Equal(["cgrates.org:call:1002"], PlanCsv.IdsOf(remaining, "RatingProfiles.csv"));
        Assert.Equal(inForce[2], remaining.Single(f => f.Name == "Rates.csv"));
    }
}
