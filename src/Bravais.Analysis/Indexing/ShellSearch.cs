using System.Diagnostics;

namespace Bravais.Analysis.Indexing;

/// <summary>
/// Dichotomy searches of one or more crystal systems at one impurity level, by volume shells (smallest cells first),
/// resumable across budget phases. Together: all systems shell by shell (DICVOL's order), so a small monoclinic cell
/// ends the orthorhombic search of large volumes. Done one shell after the first shell that holds a convincing cell of
/// these systems, or at the volume caps.
/// </summary>
public sealed class ShellSearch
{
    /// <summary>First volume shell (Å³) and the ratio of successive shell bounds.</summary>
    public const double FirstShellVolume = 120, ShellRatio = 1.5;

    private readonly (SearchSystem System, double Cap, Dichotomy Search)[] _runs;
    private readonly Func<CellFitResult, bool> _convincing;
    private readonly List<CellFitResult> _found;
    private double _low, _high = FirstShellVolume;
    private int _shell, _convincingShell = -1;

    public bool Done { get; private set; }
    public long Nodes => _runs.Sum(r => r.Search.Nodes);
    public double ReachedVolume => _low;

    public ShellSearch(IEnumerable<(SearchSystem System, double Cap, Dichotomy Search)> runs, List<CellFitResult> found, Func<CellFitResult, bool> convincing)
    {
        _runs = runs.ToArray();
        _found = found;
        _convincing = convincing;
        Done = _runs.Length == 0;
    }

    /// <summary>Searches shells until done or the deadline (a shell cut short is searched again next time). Returns whether done.</summary>
    public bool Advance(long deadlineTimestamp)
    {
        while (!Done)
        {
            if (Stopwatch.GetTimestamp() > deadlineTimestamp) return false;
            if (_runs.All(r => _low >= r.Cap)) { Done = true; break; }
            foreach (var run in _runs)
            {
                if (_low >= run.Cap) continue;
                run.Search.Search(_low, Math.Min(_high, run.Cap), deadlineTimestamp);
                if (run.Search.TimedOut) return false; // the whole shell again next time; refined cells are remembered
            }
            if (_convincingShell < 0 && _found.Any(f => _runs.Any(r => r.System.Model == f.Model) && _convincing(f))) _convincingShell = _shell;
            if (_convincingShell >= 0 && _shell >= _convincingShell + 1) Done = true;
            _low = _high; _high *= ShellRatio; _shell++;
        }
        return true;
    }
}
