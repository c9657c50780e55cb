using Bravais.Crystallography;
using Bravais.Diffraction.Powder;
using Bravais.Diffraction.Profiles;
using Bravais.Synthesis.Generation;

namespace Bravais.Synthesis.Datasets;

/// <summary>One item's outcome: the crystal and (when a preset was given) its pattern, or why it failed.</summary>
public sealed record SynthesisResult(SynthesisItem Item, GeneratedCrystal? Crystal, float[]? Pattern, string? Failure)
{
    public bool IsSuccess => Crystal is not null;
}

/// <summary>Progress of a synthesis run: items finished and total, failures so far.</summary>
public readonly record struct SynthesisProgress(int Done, int Total, int Failures);

/// <summary>
/// Generates (and optionally simulates) many crystals on all cores, in batches returned in plan order, so that
/// a caller can write each batch as it arrives. Every crystal is seeded from (seed, group, index) alone, so the
/// output does not depend on thread count or batch size. A crystal that cannot be made is reported, not fatal.
/// </summary>
public sealed class CrystalSynthesiser
{
    private readonly CrystalGenerator _generator;
    private readonly PatternPreset? _preset;

    public CrystalSynthesiser(CrystalGenerator generator, PatternPreset? preset)
    {
        _generator = generator;
        _preset = preset;
    }

    public PatternPreset? Preset => _preset;

    public IEnumerable<SynthesisResult[]> Run(IReadOnlyList<SynthesisItem> items, long seed, int batchSize = 4096, int maxDegreeOfParallelism = -1,
        IProgress<SynthesisProgress>? progress = null, CancellationToken cancellation = default)
    {
        var done = 0;
        var failures = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellation };
        for (var start = 0; start < items.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, items.Count - start);
            var batch = new SynthesisResult[count];
            Parallel.For(0, count, options, () => (Workspace: new PowderWorkspace(), Buffer: new double[_preset?.Grid.Count ?? 0]), (i, _, state) =>
            {
                var item = items[start + i];
                try
                {
                    var crystal = _generator.Generate(item.Group, seed, item.Index);
                    float[]? pattern = null;
                    if (_preset is not null)
                    {
                        _preset.Render(crystal.Structure, state.Workspace, state.Buffer);
                        pattern = new float[state.Buffer.Length];
                        for (var k = 0; k < pattern.Length; k++) pattern[k] = (float)state.Buffer[k];
                    }
                    batch[i] = new SynthesisResult(item, crystal, pattern, null);
                }
                catch (Exception e) when (e is CrystallographyException or Bravais.Diffraction.DiffractionException)
                {
                    batch[i] = new SynthesisResult(item, null, null, e.Message);
                }
                return state;
            }, _ => { });
            done += count;
            failures += batch.Count(r => !r.IsSuccess);
            progress?.Report(new SynthesisProgress(done, items.Count, failures));
            yield return batch;
        }
    }
}
