using Bravais.Crystallography.Symmetry;

namespace Bravais.Crystallography.Tests.Symmetry;

/// <summary>Reads the spglib fixtures in Symmetry/Fixtures (see the README there).</summary>
internal static class SpaceGroupFixtures
{
    public sealed record SettingRow(int HallNumber, int Number, string Choice, string Hall, string ArithmeticClass,
        int OperationCount, int PureTranslations, string OperationSha256);

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Symmetry", "Fixtures", name);

    public static IReadOnlyList<SettingRow> Settings { get; } = File.ReadLines(PathOf("spglib_settings.tsv"))
        .Where(l => !l.StartsWith('#') && !l.StartsWith("hall_number", StringComparison.Ordinal) && l.Length > 0)
        .Select(l => l.Split('\t'))
        .Select(f => new SettingRow(int.Parse(f[0]), int.Parse(f[1]), f[2], f[3], f[4], int.Parse(f[5]), int.Parse(f[6]), f[7]))
        .ToList();

    /// <summary>Hall number → spglib's operations (translations in 1/24, reduced to [0, 24)).</summary>
    public static IReadOnlyDictionary<int, List<SymmetryOperation>> SampleOperations { get; } = File.ReadLines(PathOf("spglib_sample_operations.tsv"))
        .Where(l => !l.StartsWith('#') && l.Length > 0)
        .Select(l => l.Split('\t'))
        .GroupBy(f => int.Parse(f[0]), f => FromCanonical(f[1]))
        .ToDictionary(g => g.Key, g => g.ToList());

    public static SymmetryOperation FromCanonical(string text)
    {
        var v = text.Split(' ').Select(int.Parse).ToArray();
        return new SymmetryOperation(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
    }

    /// <summary>The same canonical string the generator script hashes.</summary>
    public static string ToCanonical(SymmetryOperation op)
    {
        var n = op.Normalised();
        return string.Join(' ', n.R00, n.R01, n.R02, n.R10, n.R11, n.R12, n.R20, n.R21, n.R22, n.T0, n.T1, n.T2);
    }
}
