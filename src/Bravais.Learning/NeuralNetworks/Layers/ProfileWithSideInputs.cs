using Bravais.Learning.NeuralNetworks.Core;

namespace Bravais.Learning.NeuralNetworks.Layers;

/// <summary>
/// Lets a convolutional trunk see only the profile part of each row while other features ride along:
/// an input row of <c>profilePoints</c> profile values followed by side features (e.g. refined peak
/// positions) becomes [flattened trunk output, side features], ready for dense layers. The side
/// features' gradient passes straight through.
/// </summary>
public sealed class ProfileWithSideInputs(int profilePoints, IEnumerable<Layer> trunk) : Layer
{
    public int ProfilePoints { get; } = profilePoints > 0 ? profilePoints : throw new ArgumentOutOfRangeException(nameof(profilePoints));
    private readonly LayerChain _trunk = new(trunk);
    private float[] _profiles = [];
    private float[] _trunkGradient = [];
    private float[] _profileGradient = [];
    private int _side, _trunkSize;

    public override IReadOnlyList<Parameter> Parameters => [.. _trunk.Parameters];
    public override IReadOnlyList<float[]> States => [.. _trunk.States];
    public IReadOnlyList<Layer> Trunk => _trunk.Layers;

    protected override Shape Initialise(Shape input, Random rng)
    {
        Require(input.Channels == 1, $"profile input must have one channel, got {input.Channels}");
        Require(input.Length >= ProfilePoints, $"rows have {input.Length} values, fewer than the {ProfilePoints} profile points");
        _side = input.Length - ProfilePoints;
        _trunkSize = _trunk.Build(new Shape(1, ProfilePoints), rng).Size;
        return Shape.Features(_trunkSize + _side);
    }

    public override void Forward(float[] x, float[] y, int batch, RunContext context)
    {
        var inSize = InputShape.Size;
        var outSize = OutputShape.Size;
        var profiles = Ensure(ref _profiles, batch * ProfilePoints);
        for (var n = 0; n < batch; n++) x.AsSpan(n * inSize, ProfilePoints).CopyTo(profiles.AsSpan(n * ProfilePoints));
        var features = _trunk.Forward(profiles, batch, context);
        for (var n = 0; n < batch; n++)
        {
            features.AsSpan(n * _trunkSize, _trunkSize).CopyTo(y.AsSpan(n * outSize));
            x.AsSpan(n * inSize + ProfilePoints, _side).CopyTo(y.AsSpan(n * outSize + _trunkSize));
        }
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch, RunContext context)
    {
        var inSize = InputShape.Size;
        var outSize = OutputShape.Size;
        var g = Ensure(ref _trunkGradient, batch * _trunkSize);
        for (var n = 0; n < batch; n++) dy.AsSpan(n * outSize, _trunkSize).CopyTo(g.AsSpan(n * _trunkSize));
        var dp = dx is null ? null : Ensure(ref _profileGradient, batch * ProfilePoints);
        _trunk.Backward(_profiles, g, dp, batch, context);
        if (dx is null) return;
        for (var n = 0; n < batch; n++)
        {
            dp.AsSpan(n * ProfilePoints, ProfilePoints).CopyTo(dx.AsSpan(n * inSize));
            dy.AsSpan(n * outSize + _trunkSize, _side).CopyTo(dx.AsSpan(n * inSize + ProfilePoints));
        }
    }

    public override string Describe() =>
        $"Profile[{ProfilePoints}]({string.Join(" → ", _trunk.Layers.Select(l => l.Describe()))}) + {_side} side features";
}
