namespace Bravais.Learning.NeuralNetworks.Core;

/// <summary>What a forward or backward pass needs besides the data: train or inference mode, and how many shards to split batches into.</summary>
public sealed class RunContext
{
    public bool Training { get; set; }
    public int Shards { get; }

    public RunContext(int shards, bool training = false)
    {
        Shards = Math.Max(1, shards);
        Training = training;
    }
}
