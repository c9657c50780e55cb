using System.Text;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Powder;

namespace Bravais.Diffraction.Datasets;

/// <summary>One batch of a data-set build computed on all cores: each structure's row, or why it has none.</summary>
internal static class DatasetBatch
{
    public readonly record struct Outcome(string? Row, string? Error);

    private sealed class Worker
    {
        public readonly PowderWorkspace Workspace = new();
        public double[] Values = [];
        public readonly StringBuilder Text = new(4096);
    }

    /// <summary>
    /// Builds and renders every structure of the batch. A structure that outlasts <see cref="DatasetBuildOptions.TimeLimitPerStructure"/>
    /// fails with that reason; cancelling <paramref name="stop"/> abandons the batch (<see cref="OperationCanceledException"/>).
    /// </summary>
    public static Outcome[] Compute(IReadOnlyList<(StructureSource Source, string Id)> batch, DatasetBuildOptions options, int jobs, CancellationToken stop)
    {
        var outcomes = new Outcome[batch.Count];
        var po = new ParallelOptions { MaxDegreeOfParallelism = jobs };
        Parallel.For(0, batch.Count, po, () => new Worker(), (i, state, w) =>
        {
            if (stop.IsCancellationRequested) { state.Stop(); return w; }
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(stop);
            if (options.TimeLimitPerStructure is { } limit && limit > TimeSpan.Zero) budget.CancelAfter(limit);
            try
            {
                outcomes[i] = One(batch[i].Source, batch[i].Id, options, w, budget.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                state.Stop(); // abandoned: the caller throws below
            }
            catch (OperationCanceledException)
            {
                outcomes[i] = new Outcome(null, FormattableString.Invariant(
                    $"took longer than the time limit of {options.TimeLimitPerStructure!.Value.TotalSeconds:0.###} s per structure (--time-limit)"));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcomes[i] = new Outcome(null, e is Crystallography.BravaisException be ? be.Reason : $"{e.GetType().Name}: {e.Message}");
            }
            return w;
        }, _ => { });
        stop.ThrowIfCancellationRequested();
        return outcomes;
    }

    private static Outcome One(StructureSource source, string id, DatasetBuildOptions options, Worker w, CancellationToken cancellationToken)
    {
        var preset = options.Preset;
        var r = source.Build(cancellationToken);
        if (r.Structure is not { } structure) return new Outcome(null, r.Error?.Reason ?? "unreadable structure");
        if (!r.Inconsistencies.IsEmpty) return new Outcome(null, $"crystallographically inconsistent: {r.Inconsistencies[0]}");
        int sg;
        BravaisLattice lattice;
        if (options.Labels is not null && options.Labels.TryGet(id, out var labelled))
        {
            sg = labelled;
            lattice = SpaceGroupLabels.LatticeOf(sg);
        }
        else if (r.SpaceGroupNumber is int own && r.BravaisLattice is { } ownLattice)
        {
            sg = own;
            lattice = ownLattice;
        }
        else
        {
            return new Outcome(null, options.Labels is null
                ? "no space group: the file declares none (give --labels TSV with id and spacegroup_number)"
                : $"no space group: id '{id}' is not in the labels file and the file declares none");
        }
        if (w.Values.Length != preset.Grid.Count) w.Values = new double[preset.Grid.Count];
        preset.Render(structure, w.Workspace, w.Values, cancellationToken);
        w.Text.Clear();
        Nano281Csv.AppendRow(w.Text, id, ReducedFormula.Of(structure), sg, lattice, w.Values);
        return new Outcome(w.Text.ToString(), null);
    }
}
