namespace Bravais.Diffraction.Profiles;

/// <summary>How a stick of intensity I becomes a profile.</summary>
public enum ProfileNormalisation
{
    /// <summary>The profile's maximum equals I (NANO281's convention: y = Σ I_k · shape).</summary>
    Height,
    /// <summary>The profile's integral over 2θ (degrees) equals I.</summary>
    Area,
}
