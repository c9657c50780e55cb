namespace Bravais.Crystallography.IO;

/// <summary>
/// Coordinates written with 3–5 decimals that round a multiple of 1/12 (0.3333, 0.6667, 0.1667, 0.0833, 0.333)
/// are snapped to the exact fraction, as crystallographic programs commonly do, so symmetry images of special
/// positions coincide exactly. Values with more digits are taken as written.
/// </summary>
public static class FractionSnapping
{
    public static double Snap(double value, int decimals)
    {
        if (decimals is < 3 or > 5) return value;
        var k = Math.Round(value * 12.0);
        var exact = k / 12.0;
        var diff = Math.Abs(value - exact);
        var tolerance = 0.6 * Math.Pow(10, -decimals);
        return diff <= tolerance ? exact : value;
    }
}
