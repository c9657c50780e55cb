using System.CommandLine;
using Bravais.Learning;
using Bravais.Learning.Data;
using Bravais.Learning.Persistence;

namespace Bravais.Cli.Commands;

/// <summary><c>bravais predict</c>: Kaggle-format predictions, one row per input row in input order.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model file (.bravais)", Required = true };
        var data = new Option<string>("--data") { Description = "Patterns: NANO281 CSV (.csv or .csv.gz); label columns may hold any valid value (or give measured pattern files as arguments)" };
        var output = new Option<string>("--out") { Description = "Predictions CSV to write", DefaultValueFactory = _ => "predictions.csv" };
        var probabilities = new Option<bool>("--probabilities") { Description = "Add the top-k classes with their probabilities (pred_1,prob_1,…)" };
        var top = new Option<int>("--top") { Description = "k for --probabilities", DefaultValueFactory = _ => 3 };
        var twoTheta = new Option<string?>("--two-theta") { Description = "2θ grid of the y columns (default: the model's, when the column count matches)" };
        var command = new Command("predict", "Predict the lattice / crystal system / space group of every pattern in a file");
        foreach (var o in new Option[] { model, data, output, probabilities, top, twoTheta }) command.Options.Add(o);
        foreach (var o in MeasuredPredict.Options()) command.Options.Add(o);
        command.Arguments.Add(MeasuredPredict.Files);
        command.SetAction((parse, cancellation) => Task.FromResult(CliErrors.Run(() =>
        {
            if (parse.GetValue(MeasuredPredict.Files) is { Length: > 0 } patternFiles)
                return MeasuredPredict.Run(parse, parse.GetValue(model)!, patternFiles, parse.GetValue(top), cancellation);
            if (parse.GetValue(data) is null) throw new LearningException("give --data CSV or measured pattern files");
            var trained = ClassifierFile.Load(parse.GetValue(model)!);
            var dataset = LearningOptions.ReadFor(trained, parse.GetValue(data)!, LearningOptions.ParseGrid(parse.GetValue(twoTheta)));
            var p = trained.PredictProbabilities(dataset.Intensities, cancellation);
            var k = parse.GetValue(probabilities) ? parse.GetValue(top) : 0;
            if (k < 0) throw new LearningException("--top must be ≥ 1");
            PredictionWriter.Write(parse.GetValue(output)!, dataset, trained, p, k);
            Console.Error.WriteLine($"bravais: wrote {dataset.Count} predictions to {parse.GetValue(output)}");
            return CliErrors.Ok;
        })));
        return command;
    }
}
