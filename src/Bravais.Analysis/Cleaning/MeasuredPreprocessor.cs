using Bravais.Diffraction;
using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;

namespace Bravais.Analysis.Cleaning;

/// <summary>
/// Turns a measured pattern into a model's input, in this order:
/// (1) optional Kα2 stripping in the file's own 2θ; (2) every point mapped to the model's 2θ through its
/// d-spacing (points whose d is below λ_model/2 cannot be reached and are dropped); (3) optional Savitzky–Golay
/// smoothing; (4) SNIP background subtraction; (5) Gaussian broadening to the model's peak width and
/// resampling onto the model grid; (6) normalisation over covered channels; (7) uncovered channels filled
/// with the recorded fill value and flagged in the coverage mask.
/// </summary>
public static class MeasuredPreprocessor
{
    public static PreprocessedPattern Run(MeasuredPattern measured, Instrument model, PreprocessingOptions? options = null)
    {
        options ??= PreprocessingOptions.Default;
        return ToGrid(Clean(measured, model, options), model, options);
    }

    /// <summary>Steps 1–4: the background-free pattern on the measurement's own points, in the model's 2θ.</summary>
    public static CleanedPattern Clean(MeasuredPattern measured, Instrument model, PreprocessingOptions? options = null)
    {
        options ??= PreprocessingOptions.Default;
        var steps = new List<string>();
        var intensity = (double[])measured.Intensity.Clone();
        var wavelength = measured.Kind == Abscissa.TwoThetaDegrees ? measured.RequireWavelength() : (double?)null;

        if (options.StripKAlpha2)
        {
            if (measured.Kind != Abscissa.TwoThetaDegrees)
                throw new AnalysisException("Kα2 stripping needs a 2θ abscissa", new(measured.Source));
            var anode = Anodes.Find(options.AnodeElement)
                ?? throw new AnalysisException($"unknown anode '{options.AnodeElement}' for Kα2 stripping");
            intensity = KAlpha2Stripping.Strip(measured.X, intensity, anode.KAlpha1Angstrom, anode.KAlpha2Angstrom);
            wavelength = anode.KAlpha1Angstrom;
            steps.Add($"kα2 stripped ({anode.Element}, Rachinger, R={Anode.KAlpha2Ratio})");
        }

        // (2) map to the model's 2θ through d; keep increasing order
        var x = new List<double>(measured.Count);
        var y = new List<double>(measured.Count);
        for (var i = 0; i < measured.Count; i++)
        {
            var d = measured.Kind switch
            {
                Abscissa.DSpacingAngstrom => measured.X[i],
                Abscissa.QInverseAngstrom => 2 * Math.PI / measured.X[i],
                _ => Bragg.DSpacingAngstrom(measured.X[i], wavelength!.Value),
            };
            var t = Bragg.TwoThetaDegrees(d, model.WavelengthAngstrom);
            if (double.IsNaN(t)) continue;
            x.Add(t); y.Add(intensity[i]);
        }
        if (measured.Kind == Abscissa.DSpacingAngstrom) { x.Reverse(); y.Reverse(); } // d falls as 2θ rises
        if (x.Count < 2)
            throw new AnalysisException($"no measured point falls inside the model's reach (d ≥ λ/2 = {model.WavelengthAngstrom / 2:0.###} Å)", new(measured.Source));
        steps.Add(measured.Kind == Abscissa.TwoThetaDegrees && Math.Abs(wavelength!.Value - model.WavelengthAngstrom) < 1e-6
            ? "2θ kept (same wavelength)"
            : FormattableString.Invariant($"mapped {measured.Kind} → 2θ at {model.WavelengthAngstrom:0.#####} Å through d"));
        var xs = x.ToArray();
        var ys = y.ToArray();
        var step = MedianStep(xs);

        if (options.SmoothingHalfWidth > 0)
        {
            ys = SavitzkyGolay.Smooth(ys, options.SmoothingHalfWidth, options.SmoothingOrder);
            steps.Add($"savitzky-golay {2 * options.SmoothingHalfWidth + 1} points, order {options.SmoothingOrder}");
        }

        var raw = (double[])ys.Clone();
        var background = new double[ys.Length];
        if (options.SnipWindowDegrees > 0)
        {
            background = SnipBackground.Estimate(ys, SnipBackground.WindowPoints(options.SnipWindowDegrees, step));
            // negatives are kept here (noise around a zero baseline) and clipped only after broadening, so the
            // noise averages out instead of leaving a positive floor
            for (var i = 0; i < ys.Length; i++) ys[i] -= background[i];
            steps.Add(FormattableString.Invariant($"snip background, window {options.SnipWindowDegrees}°"));
        }
        var measuredSigma = PeakWidth.EstimateSigmaDegrees(xs, ys);
        return new CleanedPattern(measured.Source, model.WavelengthAngstrom, xs, ys, raw, background, measuredSigma, step, steps);
    }

    /// <summary>
    /// Steps 5–7: broaden, resample onto the grid, normalise and fill. <paramref name="dSpacingScale"/> multiplies
    /// every d first (a trial lattice expansion, used by matchers to absorb calculated-vs-measured cell differences).
    /// </summary>
    public static PreprocessedPattern ToGrid(CleanedPattern cleaned, Instrument model, PreprocessingOptions? options = null, double dSpacingScale = 1.0)
    {
        options ??= PreprocessingOptions.Default;
        var steps = new List<string>(cleaned.Steps);
        var xs = cleaned.TwoThetaModelDegrees;
        if (dSpacingScale != 1.0 || Math.Abs(cleaned.WavelengthAngstrom - model.WavelengthAngstrom) > 1e-9)
        {
            xs = new double[xs.Length];
            for (var i = 0; i < xs.Length; i++)
                xs[i] = Bragg.TwoThetaDegrees(dSpacingScale * Bragg.DSpacingAngstrom(cleaned.TwoThetaModelDegrees[i], cleaned.WavelengthAngstrom), model.WavelengthAngstrom);
            if (Array.Exists(xs, double.IsNaN)) throw new AnalysisException("d-spacing scale moves points out of reach", new(cleaned.Source));
            steps.Add(FormattableString.Invariant($"d scaled by {dSpacingScale:0.####}"));
        }
        var ys = cleaned.Intensity;
        var measuredSigma = cleaned.MeasuredSigmaDegrees;
        var kernel = 0.0;
        if (options.BroadenToModel)
        {
            // never sharpen; when the data are coarser than the grid, at least average over half a grid step
            var have = double.IsNaN(measuredSigma) ? 0 : measuredSigma;
            kernel = Math.Sqrt(Math.Max(model.GaussianSigmaDegrees * model.GaussianSigmaDegrees - have * have, 0));
            kernel = Math.Max(kernel, 0.5 * Math.Max(cleaned.MedianStepDegrees, 0));
            steps.Add(FormattableString.Invariant($"broadened by σ={kernel:0.###}° (measured σ≈{measuredSigma:0.###}°, model σ={model.GaussianSigmaDegrees}°)"));
        }
        var (values, covered) = GridResampler.Resample(xs, ys, model.Grid, kernel);
        for (var c = 0; c < values.Length; c++) values[c] = Math.Max(values[c], 0);

        var result = new float[values.Length];
        double scale = 1;
        switch (options.Normalisation)
        {
            case Normalisation.Max:
            {
                var max = 0.0;
                for (var c = 0; c < values.Length; c++) if (covered[c]) max = Math.Max(max, values[c]);
                scale = max > 0 ? 1 / max : 1;
                break;
            }
            case Normalisation.Area:
            {
                var sum = 0.0;
                for (var c = 0; c < values.Length; c++) if (covered[c]) sum += values[c];
                scale = sum > 0 ? 1 / sum : 1;
                break;
            }
        }
        for (var c = 0; c < values.Length; c++) result[c] = covered[c] ? (float)(values[c] * scale) : options.UncoveredFill;
        steps.Add($"normalised ({options.Normalisation})");
        var coveredCount = covered.Count(b => b);
        steps.Add(FormattableString.Invariant($"coverage {coveredCount}/{covered.Length} channels; uncovered filled with {options.UncoveredFill}"));
        if (coveredCount == 0)
            throw new AnalysisException($"the measurement ({xs[0]:0.##}–{xs[^1]:0.##}° at the model's wavelength) does not overlap the model grid {model.Grid}", new(cleaned.Source));

        return new PreprocessedPattern(model, result, covered, xs, cleaned.Raw, cleaned.Background, measuredSigma, steps);
    }

    private static double MedianStep(double[] x)
    {
        if (x.Length < 2) return 0;
        var d = new double[x.Length - 1];
        for (var i = 0; i < d.Length; i++) d[i] = x[i + 1] - x[i];
        Array.Sort(d);
        return d[d.Length / 2];
    }
}
