using Bravais.Crystallography;

namespace Bravais.Learning;

/// <summary>A dataset, model file or training request that cannot be used; carries where (file, row, column).</summary>
public class LearningException(string reason, SourceLocation? location = null, Exception? inner = null)
    : BravaisException(reason, location, inner);
