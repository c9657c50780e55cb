using Bravais.Learning.Models.Common;
using Bravais.Learning.Features;

namespace Bravais.Learning.Models.Ensemble;

/// <summary>
/// Weighted average of the members' class probabilities. <see cref="Fit"/> fits every member on the same rows
/// with the same options (so an ensemble refitted by the pipeline equals its members' own refits); the
/// pipeline may instead assemble one from members it has already fitted (<see cref="FromFitted"/>).
/// </summary>
public sealed class EnsembleClassifier : IClassifier
{
    private const string Magic = "bravais-ensemble";
    private const int FormatVersion = 1;
    private readonly EnsembleHyperParameters _hp;
    private readonly double[] _weights;
    private readonly IClassifier[] _members;

    /// <summary>An unfitted ensemble: one new member per entry.</summary>
    public EnsembleClassifier(EnsembleHyperParameters hyperParameters) : this(hyperParameters, null) { }

    private EnsembleClassifier(EnsembleHyperParameters hyperParameters, IClassifier[]? members)
    {
        hyperParameters.Validate();
        _hp = hyperParameters;
        var total = hyperParameters.Members.Sum(m => m.Weight);
        _weights = hyperParameters.Members.Select(m => m.Weight / total).ToArray();
        _members = members ?? hyperParameters.Members.Select(m => ClassifierFamilies.Get(m.Family)).Select((f, i) => f.Create(HyperParameterRecords.Typed(f, hyperParameters.Members[i].HyperParameters))).ToArray();
    }

    public string Family => EnsembleFamily.FamilyName;
    public object HyperParameters => _hp;
    public int ClassCount { get; private set; }

    /// <summary>The fitted members, in the order of <see cref="EnsembleHyperParameters.Members"/>.</summary>
    public IReadOnlyList<IClassifier> Members => _members;

    /// <summary>An ensemble of members that are already fitted (one per entry of <paramref name="hyperParameters"/>, same order and class count).</summary>
    public static EnsembleClassifier FromFitted(EnsembleHyperParameters hyperParameters, IReadOnlyList<IClassifier> fitted)
    {
        if (fitted.Count != hyperParameters.Members.Count) throw new ArgumentException($"ensemble: {fitted.Count} fitted members for {hyperParameters.Members.Count} entries");
        for (var i = 0; i < fitted.Count; i++)
            if (!string.Equals(fitted[i].Family, hyperParameters.Members[i].Family, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"ensemble: member {i} is a {fitted[i].Family} model, the entry says {hyperParameters.Members[i].Family}");
        if (fitted.Select(m => m.ClassCount).Distinct().Count() != 1) throw new ArgumentException("ensemble: the members disagree on the number of classes");
        return new EnsembleClassifier(hyperParameters, [.. fitted]) { ClassCount = fitted[0].ClassCount };
    }

    public void Fit(LabelledRows train, LabelledRows? validation, FitOptions options)
    {
        for (var i = 0; i < _members.Length; i++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            options.Progress?.Report($"ensemble member {i + 1}/{_members.Length}: {_members[i].Family}");
            _members[i].Fit(train, validation, options);
        }
        ClassCount = train.ClassCount;
    }

    public void PredictProbabilities(FeatureMatrix x, Span<float> probabilities)
    {
        if (ClassCount == 0) throw new InvalidOperationException("ensemble: not fitted");
        var k = ClassCount;
        if (probabilities.Length != x.Rows * k) throw new ArgumentException($"ensemble: probabilities span has {probabilities.Length} values, expected {x.Rows * k}");
        probabilities.Clear();
        var member = new float[x.Rows * k];
        for (var m = 0; m < _members.Length; m++)
        {
            _members[m].PredictProbabilities(x, member);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(member, (float)_weights[m], probabilities, probabilities);
        }
    }

    public void Save(Stream stream)
    {
        if (ClassCount == 0) throw new InvalidOperationException("ensemble: not fitted");
        using var w = ModelStreams.Writer(stream);
        ModelStreams.WriteHeader(w, Magic, FormatVersion);
        w.Write(ClassCount);
        w.Write(_members.Length);
        foreach (var member in _members)
        {
            var payload = new MemoryStream();
            member.Save(payload);
            w.Write(member.Family);
            w.Write(payload.Length);
            w.Write(payload.GetBuffer(), 0, (int)payload.Length);
        }
    }

    public static EnsembleClassifier Load(Stream stream, EnsembleHyperParameters hyperParameters)
    {
        using var r = ModelStreams.Reader(stream);
        ModelStreams.ReadHeader(r, Magic, FormatVersion);
        var classes = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadInt32());
        var count = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadInt32());
        if (count != hyperParameters.Members.Count)
            throw new InvalidDataException($"{Magic} model holds {count} members but its hyper-parameters list {hyperParameters.Members.Count}");
        var members = new IClassifier[count];
        for (var i = 0; i < count; i++)
        {
            var entry = hyperParameters.Members[i];
            var family = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadString());
            if (!string.Equals(family, entry.Family, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"{Magic} model: member {i} is stored as '{family}' but listed as '{entry.Family}'");
            var length = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadInt64());
            if (length < 0 || length > int.MaxValue) throw new InvalidDataException($"{Magic} model: member {i} has an impossible length {length}");
            var bytes = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadBytes((int)length));
            if (bytes.Length != length) throw new InvalidDataException($"{Magic} model is truncated (member {i}: {bytes.Length} of {length} bytes)");
            var memberFamily = ClassifierFamilies.Get(entry.Family);
            members[i] = memberFamily.Load(new MemoryStream(bytes, writable: false), HyperParameterRecords.Typed(memberFamily, entry.HyperParameters));
            if (members[i].ClassCount != classes)
                throw new InvalidDataException($"{Magic} model: member {i} ({family}) has {members[i].ClassCount} classes, the ensemble {classes}");
        }
        return FromFitted(hyperParameters, members);
    }
}
