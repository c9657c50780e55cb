namespace Bravais.Crystallography;

/// <summary>Where in an input a problem was found. Every field is optional; <see cref="ToString"/> prints what is known.</summary>
public sealed record SourceLocation(string? File = null, string? Block = null, int? Line = null, int? Column = null, string? Field = null)
{
    public override string ToString()
    {
        var parts = new List<string>(5);
        if (File is not null) parts.Add(File);
        if (Block is not null) parts.Add($"block {Block}");
        if (Line is not null) parts.Add(Column is null ? $"line {Line}" : $"line {Line}, column {Column}");
        if (Field is not null) parts.Add($"field {Field}");
        return string.Join(", ", parts);
    }
}

/// <summary>
/// Base of every error Bravais reports to a user: a message they can act on plus where it happened.
/// Each layer derives its own type (<see cref="CrystallographyException"/>, DiffractionException, …);
/// the CLI prints <see cref="Exception.Message"/> as one line and continues with the next input.
/// </summary>
public class BravaisException : Exception
{
    public SourceLocation Location { get; }
    public string Reason { get; }

    public BravaisException(string reason, SourceLocation? location = null, Exception? inner = null)
        : base(Format(reason, location), inner)
    {
        Reason = reason;
        Location = location ?? new SourceLocation();
    }

    private static string Format(string reason, SourceLocation? location)
    {
        var where = location?.ToString();
        return string.IsNullOrEmpty(where) ? reason : $"{where}: {reason}";
    }
}

/// <summary>A structure, CIF, POSCAR or symmetry input that cannot be understood.</summary>
public class CrystallographyException(string reason, SourceLocation? location = null, Exception? inner = null)
    : BravaisException(reason, location, inner);
