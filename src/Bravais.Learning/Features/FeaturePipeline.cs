using Bravais.Diffraction;
using Bravais.Diffraction.Patterns;

namespace Bravais.Learning.Features;

/// <summary>
/// A fitted <see cref="Preprocessing"/>: the steps plus what was learned from the training rows (mean and
/// standard deviation of each peak feature, used to standardise the peak block so it sits on the same
/// scale as the 0–1 profile). Saved in the model manifest; <see cref="Transform"/> turns raw intensities
/// on the <see cref="Instrument"/>'s grid into the model's feature rows (peak Q values at its wavelength).
/// Rows are processed in parallel, each independently.
/// </summary>
public sealed record FeaturePipeline(Preprocessing Steps, Instrument Instrument, float[] PeakMeans, float[] PeakStds)
{
    public AngleGrid Grid => Instrument.Grid;

    /// <summary>The 2θ grid of the leading feature columns when they are the profile; null for peak features alone.</summary>
    public AngleGrid? ProfileGrid => Steps.Features == FeatureSet.Peaks ? null : Grid;

    public int FeatureCount => (Steps.Features == FeatureSet.Peaks ? 0 : Grid.Count) + PeakBlock;

    private int PeakBlock => Steps.Features == FeatureSet.Profile ? 0 : PeakFeatureExtractor.FeatureCount(Steps.PeakCount);

    /// <summary>Fits the standardisation of the peak block on the given raw training rows.</summary>
    public static FeaturePipeline Fit(Preprocessing steps, Instrument instrument, FeatureMatrix rawTrain)
    {
        var grid = instrument.Grid;
        if (rawTrain.Columns != grid.Count) throw new LearningException($"patterns have {rawTrain.Columns} points but the grid {grid} has {grid.Count}");
        var unfitted = new FeaturePipeline(steps, instrument, [], []);
        if (steps.Features == FeatureSet.Profile) return unfitted;
        var n = PeakFeatureExtractor.FeatureCount(steps.PeakCount);
        var peaks = new FeatureMatrix(rawTrain.Rows, n);
        Parallel.For(0, rawTrain.Rows, i => PeakFeatureExtractor.Extract(rawTrain.ReadOnlyRow(i), grid, steps.PeakCount, instrument.WavelengthAngstrom, peaks.Row(i)));
        var standardiser = FeatureStandardiser.Fit(peaks);
        return unfitted with { PeakMeans = standardiser.Mean, PeakStds = standardiser.Scale };
    }

    /// <summary>Raw intensities (rows × grid points) → features (rows × <see cref="FeatureCount"/>).</summary>
    public FeatureMatrix Transform(FeatureMatrix raw, CancellationToken cancellation = default)
    {
        if (raw.Columns != Grid.Count)
            throw new LearningException($"the data has {raw.Columns} intensity columns but the model was trained on the 2θ grid {Grid} with {Grid.Count} points");
        var output = new FeatureMatrix(raw.Rows, FeatureCount);
        Parallel.For(0, raw.Rows, new ParallelOptions { CancellationToken = cancellation }, i => TransformRow(raw.ReadOnlyRow(i), output.Row(i)));
        return output;
    }

    public void TransformRow(ReadOnlySpan<float> raw, Span<float> output)
    {
        var profileColumns = Steps.Features == FeatureSet.Peaks ? 0 : Grid.Count;
        if (profileColumns > 0)
        {
            var profile = output[..profileColumns];
            raw.CopyTo(profile);
            if (Steps.NormaliseMax)
            {
                var max = System.Numerics.Tensors.TensorPrimitives.Max(profile);
                if (max > 0) System.Numerics.Tensors.TensorPrimitives.Multiply(profile, 1f / max, profile);
            }
            switch (Steps.Scaling)
            {
                case IntensityScaling.Sqrt:
                    for (var j = 0; j < profile.Length; j++) profile[j] = profile[j] > 0 ? MathF.Sqrt(profile[j]) : 0f;
                    break;
                case IntensityScaling.Log1p:
                    var k = (float)Steps.LogScale; var norm = 1f / MathF.Log(1 + k);
                    for (var j = 0; j < profile.Length; j++) profile[j] = profile[j] > 0 ? MathF.Log(1 + k * profile[j]) * norm : 0f;
                    break;
            }
        }
        if (PeakBlock > 0)
        {
            var peaks = output[profileColumns..];
            PeakFeatureExtractor.Extract(raw, Grid, Steps.PeakCount, Instrument.WavelengthAngstrom, peaks);
            for (var j = 0; j < peaks.Length; j++) peaks[j] = (peaks[j] - PeakMeans[j]) / PeakStds[j];
        }
    }
}
