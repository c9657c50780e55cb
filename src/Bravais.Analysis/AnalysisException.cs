using Bravais.Crystallography;

namespace Bravais.Analysis;

/// <summary>An error while analysing a pattern of an unknown crystal (cleaning, peaks, indexing, search–match, fusion), with where it happened.</summary>
public sealed class AnalysisException(string message, SourceLocation? location = null, Exception? inner = null)
    : BravaisException(message, location, inner);
