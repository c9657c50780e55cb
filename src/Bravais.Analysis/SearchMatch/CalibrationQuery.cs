using System.Globalization;
using System.Text;

namespace Bravais.Analysis.SearchMatch;

/// <summary>
/// One simulated measured pattern the model was calibrated on: where it came from, its true class, the class
/// logits the matcher gave it and the best cosine. Kept in the model file (calibration.tsv) so that the
/// calibration can be inspected and compared with real data.
/// </summary>
public sealed record CalibrationQuery(string Source, int Label, double[] Logits, double BestSimilarity)
{
    public static void Write(Stream stream, IReadOnlyList<CalibrationQuery> queries, IReadOnlyList<string> classes)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        w.WriteLine("source\tlabel\tbest_cosine\t" + string.Join('\t', classes.Select(c => "logit_" + c)));
        foreach (var q in queries)
            w.WriteLine(string.Join('\t', [q.Source, classes[q.Label], q.BestSimilarity.ToString("0.#####", CultureInfo.InvariantCulture),
                .. q.Logits.Select(z => z.ToString("0.####", CultureInfo.InvariantCulture))]));
    }
}
