using System.Globalization;
using System.Text;
using Bravais.Learning.Persistence;

namespace Bravais.Learning.Data;

/// <summary>
/// Writes Kaggle-style predictions: <c>id,pred_bravais_lattice</c> (or pred_crystal_system / pred_spacegroup), one row per
/// input row in input order. With <c>topK</c> &gt; 0, columns pred_1,prob_1 … pred_k,prob_k follow. Written atomically.
/// </summary>
public static class PredictionWriter
{
    public static void Write(string path, PatternDataset data, TrainedModel model, float[] probabilities, int topK = 0)
    {
        var k = model.Classes.Count;
        if (probabilities.Length != data.Count * k) throw new ArgumentException("probabilities do not match the data");
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var w = new StreamWriter(temp, false, new UTF8Encoding(false)) { NewLine = "\n" })
            {
                var header = new StringBuilder(data.IdColumn == "cod_id" ? "cod_id" : "id").Append(',').Append(model.Target.PredictionColumn());
                for (var t = 1; t <= topK; t++) header.Append(CultureInfo.InvariantCulture, $",pred_{t},prob_{t}");
                w.WriteLine(header.ToString());
                var order = new int[k];
                for (var i = 0; i < data.Count; i++)
                {
                    var p = probabilities.AsSpan(i * k, k);
                    for (var c = 0; c < k; c++) order[c] = c;
                    var row = p.ToArray();
                    Array.Sort(order, (a, b) => row[b] != row[a] ? row[b].CompareTo(row[a]) : a.CompareTo(b));
                    var line = new StringBuilder(Quote(data.Ids[i])).Append(',').Append(model.Classes[order[0]]);
                    for (var t = 0; t < Math.Min(topK, k); t++)
                        line.Append(',').Append(model.Classes[order[t]]).Append(',').Append(row[order[t]].ToString("0.#####", CultureInfo.InvariantCulture));
                    w.WriteLine(line.ToString());
                }
            }
            File.Move(temp, full, overwrite: true);
        }
        finally { if (File.Exists(temp)) File.Delete(temp); }
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
