using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bravais.Diffraction.Augmentation;
using Bravais.Learning.Models;
using Bravais.Learning.Models.Neural;

namespace Bravais.Benchmarks.Neural;

/// <summary>
/// Acceptance harness: trains the mlp or cnn family on a NANO281 CSV with a seeded stratified
/// 80:10:10 split (validation for early stopping) and reports test accuracy and balanced accuracy.
/// <c>dotnet run -c Release --project bench/Bravais.Benchmarks -- neural-accuracy --data D [--family cnn|mlp]
/// [--target bravais|spacegroup] [--epochs N] [--arch plain|resnet] [--augment|--augment-intensity] [--intensity sqrt] [--seed S] [--limit N] [--threads T]
/// [--channels 32,64,128] [--kernel 7] [--dense 256] [--wd 1e-2] [--dropout 0.3] [--lr 2e-3] [--smoothing 0.05] [--stem C,K,S]
/// [--profile-points 180] [--grid START,STEP] [--align REFERENCE.csv.gz] [--pretrain FILE [--pretrain-epochs 8] [--finetune-lr 5e-4]]</c>.
/// <c>--align</c> reorders the rows to the ids of a reference CSV before splitting, so a data set rebuilt
/// from the same structures (e.g. the <c>highres</c> preset) gets exactly the reference's train / validation / test rows.
/// The RESULT line gives the best validation accuracy (what variants are chosen by) beside the test figures.
/// </summary>
public static class NeuralAccuracy
{
    public static int Run(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        bool Flag(string name) => args.Contains(name);
        var data = Arg("--data", "../shared/data/nano281-mp/train.csv.gz");
        var family = Arg("--family", "cnn");
        var target = Arg("--target", "bravais");
        var seed = int.Parse(Arg("--seed", "1"), CultureInfo.InvariantCulture);
        var epochs = int.Parse(Arg("--epochs", "30"), CultureInfo.InvariantCulture);
        var limit = int.Parse(Arg("--limit", int.MaxValue.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var threads = int.Parse(Arg("--threads", "2"), CultureInfo.InvariantCulture);

        var clock = Stopwatch.StartNew();
        var grid = Arg("--grid", "0.5,0.5").Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var profileGrid = new Bravais.Diffraction.Patterns.AngleGrid(grid[0], grid[1], int.Parse(Arg("--profile-points", "180"), CultureInfo.InvariantCulture));
        var set = Read(data, limit);
        var align = Arg("--align", "");
        if (align.Length > 0)
        {
            set = AlignTo(set, Bravais.Diffraction.Datasets.Nano281CsvReader.Read(align).Ids);
            Console.WriteLine($"rows aligned to the ids of {align}");
        }
        var labels = target == "spacegroup" ? set.SpaceGroupNumbers.Select(g => g - 1).ToArray() : set.BravaisLattices.Select(l => (int)l).ToArray();
        var classes = target == "spacegroup" ? 230 : 14;
        var (tr, va, te) = Bravais.Learning.Validation.StratifiedSplit.Split(labels, 0.1, 0.1, seed);
        Console.WriteLine($"read {set.Count} rows × {set.Intensities.Columns} in {clock.Elapsed.TotalSeconds:0.0} s; train {tr.Length}, validation {va.Length}, test {te.Length}");
        LabelledRows Rows(int[] index) => new(set.Intensities.SelectRows(index), index.Select(i => labels[i]).ToArray(), classes) { ProfileGrid = profileGrid };
        var train = Rows(tr);
        var validation = Rows(va);
        var test = Rows(te);

        var peaks = Flag("--peaks");
        if (peaks)
        {
            // The learning pipeline's preprocessing: max-normalise → sqrt profile, plus standardised peak features
            // (sub-grid positions, intensities, Q and 1/d² ratios), fitted on the training rows only.
            var pipeline = Bravais.Learning.Features.FeaturePipeline.Fit(new Bravais.Learning.Features.Preprocessing(), Bravais.Diffraction.Instrument.Nano281, train.X);
            train = train with { X = pipeline.Transform(train.X) };
            validation = validation with { X = pipeline.Transform(validation.X) };
            test = test with { X = pipeline.Transform(test.X) };
            Console.WriteLine($"features: {pipeline.Steps} → {train.X.Columns} columns");
        }
        IClassifier model;
        if (family == "mlp")
        {
            // The MLP standardises its inputs; give it sqrt(y/100) as the peers did.
            if (!peaks)
                foreach (var m in new[] { train.X, validation.X, test.X })
                    for (var i = 0; i < m.Values.Length; i++) m.Values[i] = MathF.Sqrt(MathF.Max(0, m.Values[i]) / 100f);
            model = new MlpClassifier(new MlpHyperParameters
            {
                Epochs = epochs,
                Patience = int.Parse(Arg("--patience", "10"), CultureInfo.InvariantCulture),
                HiddenSizes = Arg("--hidden", "512,256").Split(',').Select(h => int.Parse(h, CultureInfo.InvariantCulture)).ToArray(),
                Dropout = float.Parse(Arg("--dropout", "0.2"), CultureInfo.InvariantCulture),
                WeightDecay = float.Parse(Arg("--wd", "1e-4"), CultureInfo.InvariantCulture),
                LabelSmoothing = float.Parse(Arg("--smoothing", "0"), CultureInfo.InvariantCulture),
            });
        }
        else
        {
            var stem = Arg("--stem", "0,9,4").Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var hp = new CnnHyperParameters
            {
                Architecture = Arg("--arch", "plain"),
                Channels = Arg("--channels", "32,64,128").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
                KernelSize = int.Parse(Arg("--kernel", "7"), CultureInfo.InvariantCulture),
                DenseUnits = int.Parse(Arg("--dense", "256"), CultureInfo.InvariantCulture),
                WeightDecay = float.Parse(Arg("--wd", "1e-2"), CultureInfo.InvariantCulture),
                Dropout = float.Parse(Arg("--dropout", "0.3"), CultureInfo.InvariantCulture),
                LearningRate = float.Parse(Arg("--lr", "2e-3"), CultureInfo.InvariantCulture),
                LabelSmoothing = float.Parse(Arg("--smoothing", "0.05"), CultureInfo.InvariantCulture),
                StemChannels = stem[0], StemKernel = stem[1], StemStride = stem[2],
                ProfilePoints = int.Parse(Arg("--profile-points", "180"), CultureInfo.InvariantCulture),
                Epochs = epochs,
                PretrainEpochs = int.Parse(Arg("--pretrain-epochs", "8"), CultureInfo.InvariantCulture),
                FineTuneLearningRate = float.Parse(Arg("--finetune-lr", "5e-4"), CultureInfo.InvariantCulture),
                Intensity = peaks ? "none" : Arg("--intensity", "sqrt"),
                Head = Arg("--head", "flatten"),
                Patience = int.Parse(Arg("--patience", "8"), CultureInfo.InvariantCulture),
                // --augment: every default augmentation; --augment-intensity: only those that keep every peak where it
                // is (intensity jitter and per-peak rescaling), since peak positions carry the lattice and intensities
                // depend on the atoms.
                Augmentation = Flag("--augment") ? AugmentationOptions.Default
                    : Flag("--augment-intensity") ? AugmentationOptions.None with { Probability = 0.5, IntensityJitter = 0.15, PreferredOrientation = 0.4 }
                    : null,
            };
            var cnn = new CnnClassifier(hp);
            // --pretrain FILE: first train on another data set of the same grid (e.g. synthetic patterns from
            // `bravais synth --patterns`), keeping its best epoch on the real validation split, then fine-tune on
            // the real training split from those weights (the test split is still scored once).
            var pretrainPath = Arg("--pretrain", "");
            if (pretrainPath.Length > 0)
            {
                var extra = Read(pretrainPath, int.MaxValue);
                var extraLabels = target == "spacegroup" ? extra.SpaceGroupNumbers.Select(g => g - 1).ToArray() : extra.BravaisLattices.Select(l => (int)l).ToArray();
                var pre = new CnnClassifier(hp);
                Console.WriteLine($"pretraining on {extra.Count} rows of {pretrainPath}");
                clock.Restart();
                pre.Pretrain(new LabelledRows(extra.Intensities, extraLabels, classes) { ProfileGrid = profileGrid }, validation, new FitOptions(seed, threads, new SyncProgress(Console.WriteLine)));
                Console.WriteLine($"PRETRAINED best_epoch={pre.PretrainingHistory?.BestEpoch} in {clock.Elapsed.TotalSeconds:0} s");
                cnn.StartFrom(pre);
            }
            model = cnn;
        }
        Console.WriteLine($"{family}: {model.HyperParameters}");
        clock.Restart();
        model.Fit(train, validation, new FitOptions(seed, threads, new SyncProgress(Console.WriteLine)));
        var fitSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var predicted = model.Predict(test.X);
        var predictSeconds = clock.Elapsed.TotalSeconds;
        var accuracy = predicted.Zip(test.Y).Count(p => p.First == p.Second) / (double)test.Count;
        var recalls = test.Y.Distinct().Select(c =>
        {
            var idx = Enumerable.Range(0, test.Count).Where(i => test.Y[i] == c).ToArray();
            return idx.Count(i => predicted[i] == c) / (double)idx.Length;
        }).ToArray();
        var history = (model as CnnClassifier)?.History ?? (model as MlpClassifier)?.History;
        var bestValidation = history is { BestEpoch: > 0 } ? history.Epochs[history.BestEpoch - 1].ValidationAccuracy : null;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT family={family} target={target} best_epoch={history?.BestEpoch}/{history?.Epochs.Count} validation_accuracy={bestValidation:P2} test_accuracy={accuracy:P2} balanced_accuracy={recalls.Average():P2} fit={fitSeconds:0} s predict={test.Count / predictSeconds:0} patterns/s"));
        var outPath = Arg("--save", "");
        if (outPath.Length > 0)
        {
            using var f = File.Create(outPath);
            model.Save(f);
            File.WriteAllText(outPath + ".json", JsonSerializer.Serialize(model.HyperParameters, model.HyperParameters.GetType()));
        }
        return 0;
    }

    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }

    /// <summary>The first <paramref name="limit"/> rows of a NANO281 table (the product's codec), on the grid of its column count.</summary>
    private static Bravais.Learning.Data.PatternDataset Read(string path, int limit)
    {
        var data = Bravais.Learning.Data.PatternCsv.Read(path);
        return limit < data.Count ? data.Select(Enumerable.Range(0, limit).ToArray()) : data;
    }

    /// <summary>The rows of <paramref name="data"/> in the order of <paramref name="ids"/>; every id must be present.</summary>
    private static Bravais.Learning.Data.PatternDataset AlignTo(Bravais.Learning.Data.PatternDataset data, string[] ids)
    {
        var index = new Dictionary<string, int>(data.Count);
        for (var i = 0; i < data.Count; i++) index[data.Ids[i]] = i;
        var missing = ids.Where(id => !index.ContainsKey(id)).Take(5).ToArray();
        if (missing.Length > 0) throw new InvalidDataException($"{missing.Length}+ reference ids are not in the data, e.g. {string.Join(", ", missing)}");
        return data.Select(ids.Select(id => index[id]).ToArray());
    }
}
