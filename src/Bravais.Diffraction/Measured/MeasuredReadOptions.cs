using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// What the user says about a file that the file may not say itself, and the limits a read stays within. A radiation or
/// abscissa given here wins over what the header states (the header's wavelength is kept in the metadata as
/// <c>wavelength.file</c>).
/// </summary>
/// <param name="MaxDecompressedBytes">
/// The most bytes of pattern content read from one file: the file itself, or what its gzip stream or the archive
/// entries read from it (.brml, .rasx) expand to. 200 MB is ten times the largest lab or synchrotron powder pattern
/// (a 1D scan of a million points is about 20 MB of text) and keeps a read under 2 GB of memory.
/// </param>
/// <param name="MaxPoints">The most data points of one pattern (10 million: a million-point scan ten times over).</param>
/// <param name="MaxCompressionRatio">
/// The largest uncompressed/compressed size ratio an archive entry larger than 1 MiB may declare; deflate reaches about
/// 1030 on a run of zeros, real pattern XML and text 5–30. Declared sizes can lie: the byte limit is also enforced while
/// the entry is read.
/// </param>
public sealed record MeasuredReadOptions(
    Radiation? Radiation = null,
    Abscissa? Abscissa = null,
    int MinimumPoints = 16,
    long MaxDecompressedBytes = MeasuredReadOptions.DefaultMaxDecompressedBytes,
    int MaxPoints = MeasuredReadOptions.DefaultMaxPoints,
    double MaxCompressionRatio = MeasuredReadOptions.DefaultMaxCompressionRatio)
{
    public const long DefaultMaxDecompressedBytes = 200L * 1000 * 1000;
    public const int DefaultMaxPoints = 10_000_000;
    public const double DefaultMaxCompressionRatio = 200;

    public static MeasuredReadOptions Default { get; } = new();
}
