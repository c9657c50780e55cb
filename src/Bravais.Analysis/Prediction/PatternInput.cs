using Bravais.Diffraction;
using Bravais.Diffraction.Measured;

namespace Bravais.Analysis.Prediction;

/// <summary>
/// One pattern to classify, whatever its origin: a <see cref="Row"/> of a dataset (intensities on an instrument's grid,
/// e.g. a NANO281 row) or a <see cref="Measurement"/> read from a diffractometer file. Every model kind takes both.
/// </summary>
public abstract record PatternInput(string Source)
{
    /// <summary>Intensities on <paramref name="Instrument"/>'s grid (one value per grid point).</summary>
    public sealed record Row(string Source, Instrument Instrument, float[] Values) : PatternInput(Source)
    {
        /// <summary>The row as a measurement on its grid (2θ, intensities), for models that read measured files.</summary>
        public MeasuredPattern ToMeasurement() => new(Source, Abscissa.TwoThetaDegrees, Instrument.Grid.Values(),
            Array.ConvertAll(Values, v => (double)v), null, Instrument.Radiation, new Dictionary<string, string> { ["origin"] = "dataset row" });
    }

    /// <summary>A pattern read from a file (any format the readers know), with its radiation when the file or the user stated it.</summary>
    public sealed record Measurement(MeasuredPattern Pattern) : PatternInput(Pattern.Source);
}
