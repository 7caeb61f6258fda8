using System.Text;
using Xunit;

namespace Obol.TariffPlans.Tests;

/// <summary>The encoding/csv rules cgr-loader reads with: comments, empty lines, quoting, exact field counts.</summary>
public sealed class CsvFormatTests
{
    [Fact]
    public void Read_CommentsAndEmptyLines_AreSkippedAndLinesStillCount()
    {
        var result = TestPlans.ReadTexts(("Destinations.csv", "#Id,Prefix\n\nDST_1,1001\n# a comment\n\n\nDST_2,1002\r\nDST_3,1003"));

        Assert.Empty(result.Errors);
        Assert.Equal([3, 7, 8], result.Plan.Destinations.Select(d => d.Location.Line));
        Assert.Equal(["1001", "1002", "1003"], result.Plan.Destinations.Select(d => d.Prefix));
    }

    [Fact]
    public void Read_QuotedFields_KeepSeparatorsQuotesAndLineBreaks()
    {
        var result = TestPlans.ReadTexts(("SharedGroups.csv", "SG_1,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\nSG_2,x,y,z\n"));

        Assert.Empty(result.Errors);
        Assert.Equal(
            new TpSharedGroup(new SourceLocation("SharedGroups.csv", 1), "SG_1", "a,b", "say \"hi\"", "two\nlines"),
            result.Plan.SharedGroups[0]);
        Assert.Equal(3, result.Plan.SharedGroups[1].Location.Line);
    }

    [Fact]
    public void Read_UnbalancedQuote_IsLocatedAtTheFieldItOpensAndEarlierRowsAreKept()
    {
        var result = TestPlans.ReadTexts(("Destinations.csv", "#Id,Prefix\nDST_1,1001\nDST_2,\"1002\nDST_3,1003\n"));

        var error = TestPlans.SingleError(result);
        Assert.Equal(("Destinations.csv", 3, "Prefix"), (error.File, error.Line, error.Column));
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
        Assert.Equal("DST_1", Assert.Single(result.Plan.Destinations).Id);
    }

    [Fact]
    public void Read_BareQuoteInsideAField_IsAnErrorAndTheNextRowsAreRead()
    {
        var result = TestPlans.ReadTexts(("Destinations.csv", "DST_1,10\"01\nDST_2,1002\n"));

        Assert.Equal(new TariffPlanError("Destinations.csv", 1, "Prefix", "bare \" in a non-quoted field"), TestPlans.SingleError(result));
        Assert.Equal("DST_2", Assert.Single(result.Plan.Destinations).Id);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_IsAnError()
    {
        var result = TestPlans.ReadTexts(("Destinations.csv", "\"DST_1\"x,1001\n"));

        Assert.Equal(
            new TariffPlanError("Destinations.csv", 1, "ID", "extraneous text after the closing \" of a quoted field"),
            TestPlans.SingleError(result));
    }

    [Fact]
    public void Read_BinaryGarbage_IsOneErrorAtItsFirstLine()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        garbage[0] = 0;
        using var copy = new TempPlanCopy("tutorial");
        File.WriteAllBytes(copy.File("Rates.csv"), garbage);

        var result = TariffPlanReader.ReadFolder(copy.Path, TestPlans.Options);

        var error = result.Errors.First(e => !e.IsWarning);
        Assert.Equal(("Rates.csv", 1, ""), (error.File, error.Line, error.Column));
        Assert.Contains("binary data", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Plan.Rates);
    }

    [Fact]
    public void Read_InvalidUtf8_IsAnErrorForThatRowOnly()
    {
        using var copy = new TempPlanCopy("");
        File.WriteAllBytes(copy.File("Destinations.csv"), [.. "DST_1,1001\nDST_2,"u8, 0xFF, 0xFE, .. "\nDST_3,1003\n"u8]);

        var result = TariffPlanReader.ReadFolder(copy.Path, TestPlans.Options);

        Assert.Equal(new TariffPlanError("Destinations.csv", 2, "", "invalid UTF-8 text"), TestPlans.SingleError(result));
        Assert.Equal(["DST_1", "DST_3"], result.Plan.Destinations.Select(d => d.Id));
    }

    [Fact]
    public void Read_UnreadableFile_IsAnErrorAtLineZero()
    {
        var result = TariffPlanReader.ReadFiles([("Rates.csv", new FailingReader())], TestPlans.Options);

        var error = TestPlans.SingleError(result);
        Assert.Equal(("Rates.csv", 0, ""), (error.File, error.Line, error.Column));
        Assert.StartsWith("cannot read the file: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UncommentedHeader_IsDataLikeInCGRates()
    {
        var result = TestPlans.ReadTexts(("Rates.csv", "Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart\nRT_1,0,1,1s,1s,0\n"));

        Assert.Equal(
            ["Rates.csv:1: ConnectFee: invalid decimal \"ConnectFee\"", "Rates.csv:1: Rate: invalid decimal \"Rate\"",
             "Rates.csv:1: RateUnit: invalid duration \"RateUnit\"", "Rates.csv:1: RateIncrement: invalid duration \"RateIncrement\"",
             "Rates.csv:1: GroupIntervalStart: invalid duration \"GroupIntervalStart\""],
            result.Errors.Select(e => e.ToString()));
        Assert.Single(result.Plan.Rates);
    }

    [Fact]
    public void Read_ABrokenFileOnEveryLine_ReportsAtMostTheCap()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            text.Append("DST_").Append(i).Append('\n');
        }

        var result = TestPlans.ReadTexts(("Destinations.csv", text.ToString()));

        Assert.Equal(1001, result.Errors.Count);
        Assert.StartsWith("more than 1000 errors", result.Errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OtherFieldSeparator_IsHonoured()
    {
        var options = TestPlans.Options with { FieldSeparator = '\t' };

        var result = TariffPlanReader.ReadFiles([("Destinations.csv", new StringReader("DST_1\t1001\nDST_2,x\n"))], options);

        Assert.Equal("1001", result.Plan.Destinations[0].Prefix);
        Assert.Equal(
            new TariffPlanError("Destinations.csv", 2, "", "wrong number of fields: expected 2, got 1"),
            TestPlans.SingleError(result));
    }

    [Fact]
    public void Read_ListSeparatorAsFieldSeparator_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => TariffPlanReader.ReadFiles(Array.Empty<TariffPlanFile>(), TestPlans.Options with { FieldSeparator = ';' }));
    }

    [Fact]
    public void ReadFiles_NamesThatAreNotTariffPlanFiles_AreIgnored()
    {
        var result = TestPlans.ReadTexts(("Notes.csv", "garbage"), ("README.md", "# plan"), ("extra/Destinations.csv", "DST_1,1001\n"));

        Assert.Empty(result.Errors);
        Assert.Equal(new SourceLocation("extra/Destinations.csv", 1), Assert.Single(result.Plan.Destinations).Location);
    }

    [Fact]
    public void ReadFolder_SubFolders_AreWalkedDepthFirstInNameOrder()
    {
        using var copy = new TempPlanCopy("");
        Write(copy, "Destinations.csv", "DST_ROOT,1\n");
        Write(copy, "b/Destinations.csv", "DST_B,2\n");
        Write(copy, "a/Destinations.csv", "DST_A,3\n");
        Write(copy, "a/z/Destinations.csv", "DST_AZ,4\n");
        Write(copy, "a-b/Destinations.csv", "DST_A-B,5\n");
        Write(copy, "a/Filters.csv", "cgrates.org,F1,*string,~*req.Account,1001,\n");
        Write(copy, "b/Filters.csv", "cgrates.org,F1,*prefix,~*req.Destination,10,\n");

        var result = TariffPlanReader.ReadFolder(copy.Path, TestPlans.Options);

        Assert.Empty(result.Errors);
        Assert.Equal(
            ["Destinations.csv", "a/Destinations.csv", "a/z/Destinations.csv", "a-b/Destinations.csv", "b/Destinations.csv"],
            result.Plan.Destinations.Select(d => d.Location.File));
        var filter = Assert.Single(result.Plan.Filters);
        Assert.Equal(["*string", "*prefix"], filter.Rules.Select(r => r.Type));
        Assert.Equal("a/Filters.csv", filter.Location.File);
    }

    [Fact]
    public void ReadFolder_MissingFiles_AreSkipped()
    {
        using var copy = new TempPlanCopy("");

        var result = TariffPlanReader.ReadFolder(copy.Path, TestPlans.Options);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Plan.Rates);
    }

    [Fact]
    public void ReadFolder_MissingFolder_IsAnError()
    {
        var folder = Path.Combine(Path.GetTempPath(), "obol-no-such-plan-" + Guid.NewGuid().ToString("N"));

        var result = TariffPlanReader.ReadFolder(folder, TestPlans.Options);

        Assert.False(result.Succeeded);
        Assert.Equal((folder, 0), (result.Errors[0].File, result.Errors[0].Line));
    }

    private static void Write(TempPlanCopy copy, string relative, string text)
    {
        var path = copy.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private sealed class FailingReader : TextReader
    {
        public override int Read() => throw new IOException("disk on fire");

        public override int Read(char[] buffer, int index, int count) => throw new IOException("disk on fire");

        public override int Read(Span<char> buffer) => throw new IOException("disk on fire");

        public override int Peek() => throw new IOException("disk on fire");
    }
}
