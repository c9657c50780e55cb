namespace Bravais.Crystallography.IO;

/// <summary>One data block of a CIF, or the syntax error that stopped it (<see cref="BlockName"/> is known when the header was read).</summary>
public sealed record CifParseResult(string? FileName, string? BlockName, CifBlock? Block, CrystallographyException? Error)
{
    public bool IsSuccess => Block is not null;
}
