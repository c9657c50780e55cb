using Bravais.Diffraction.Datasets;
using Bravais.TestSupport;
using Xunit;

namespace Bravais.Diffraction.Tests.Datasets;

public class HoldOutSplitTests
{
    [Fact]
    public void APrototypeIsItsReducedSortedAmountsAndSpaceGroup()
    {
        Assert.Equal("1,1,2,5|62", HoldOutSplit.PrototypeKey(HoldOutSplit.ParseFormula("Ca4 Y2 Ag2 O10"), 62)); // 4,2,2,10 ÷ 2, sorted
        Assert.Equal("1,1,3|221", HoldOutSplit.PrototypeKey(HoldOutSplit.ParseFormula("SrTiO3"), 221));
        // the same structure type with other elements, or written another way, is the same prototype …
        Assert.Equal(HoldOutSplit.PrototypeKey(HoldOutSplit.ParseFormula("BaZrO3"), 221), HoldOutSplit.PrototypeKey(HoldOutSplit.ParseFormula("Sr2 Ti2 O6"), 221));
        // … and lands in the same part
        Assert.Equal(HoldOutSplit.Of("BaZrO3", 221), HoldOutSplit.Of("SrTiO3", 221));
        Assert.NotEqual(HoldOutSplit.PrototypeKey(HoldOutSplit.ParseFormula("SrTiO3"), 221), HoldOutSplit.PrototypeKey(HoldOutSplit.ParseFormula("SrTiO3"), 62));
        Assert.Equal(0.5, HoldOutSplit.ParseFormula("Fe0.5Ni0.5")["Fe"]);
        Assert.Throws<DiffractionException>(() => HoldOutSplit.ParseFormula("3O"));
    }

    [SharedDataFact]
    public void TheMaterialsProjectSplitsNearTheStatedShares()
    {
        var lines = File.ReadLines(SharedData.Path("data", "mp", "labels.tsv")).Skip(1).Select(l => l.Split('\t')).ToList();
        var parts = lines.Select(f => HoldOutSplit.Of(f[5], int.Parse(f[2]))).ToList();
        double Share(HoldOutPart p) => parts.Count(x => x == p) / (double)parts.Count;
        // prototypes are clustered (many MP crystals share a few large prototypes), so the shares are near, not equal to, 5 %
        Assert.InRange(Share(HoldOutPart.Test), 0.03, 0.08);
        Assert.InRange(Share(HoldOutPart.Development), 0.03, 0.08);
    }
}
