using System.Reflection;
using Xunit;

namespace Obol.Primitives.Tests;

public class ErrorCodesTests
{
    [Fact]
    public void Constants_AllValues_AreUnique()
    {
        var values = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(values);
        Assert.Equal(values.Count, values.Distinct().Count());
    }

    [Fact]
    public void MandatoryIeMissingFields_TwoFields_FormatsLikeGoSlice() =>
        Assert.Equal("MANDATORY_IE_MISSING: [Tenant Account]", ErrorCodes.MandatoryIeMissingFields("Tenant", "Account"));

    [Fact]
    public void SubsystemError_Rals_HasNoSpaceAfterColon() =>
        Assert.Equal("RALS_ERROR:NOT_FOUND", ErrorCodes.SubsystemError("RALS", ErrorCodes.NotFound));
}
