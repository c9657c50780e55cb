using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Bravais.Analysis.Tests")]
