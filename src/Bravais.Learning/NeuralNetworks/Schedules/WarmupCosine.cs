namespace Bravais.Learning.NeuralNetworks.Schedules;

/// <summary>
/// Learning rate with linear warm-up over <see cref="WarmupSteps"/> steps to <see cref="PeakRate"/>, then
/// cosine decay to <see cref="FinalRate"/> at <see cref="TotalSteps"/> (Loshchilov &amp; Hutter 2017,
/// without restarts). With no warm-up and no decay it is constant.
/// </summary>
public sealed record WarmupCosine(float PeakRate, int WarmupSteps, int TotalSteps, float FinalRate = 0f)
{
    public float At(int step)
    {
        if (step < WarmupSteps) return PeakRate * (step + 1) / WarmupSteps;
        if (TotalSteps <= WarmupSteps) return PeakRate;
        var progress = Math.Clamp((double)(step - WarmupSteps) / (TotalSteps - WarmupSteps), 0, 1);
        return (float)(FinalRate + 0.5 * (PeakRate - FinalRate) * (1 + Math.Cos(Math.PI * progress)));
    }

    public static WarmupCosine Constant(float rate) => new(rate, 0, 0, rate);
}
