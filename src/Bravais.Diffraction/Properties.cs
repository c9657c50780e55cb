using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Bravais.Diffraction.Tests")]
[assembly: InternalsVisibleTo("Bravais.Benchmarks")]
