using Bravais.Crystallography;

namespace Bravais.Diffraction;

/// <summary>A pattern, radiation or measured-data input that cannot be used.</summary>
public class DiffractionException(string reason, SourceLocation? location = null, Exception? inner = null)
    : BravaisException(reason, location, inner);
