using Bravais.Learning.Models;
using Bravais.Learning.Models.Centroid;
using Xunit;
using Bravais.Learning.Features;

namespace Bravais.Learning.Tests.Training;

public class CentroidTests
{
    [Fact]
    public void FarAwayRowsStillGetValidProbabilitiesAndAbsentClassesGetZero()
    {
        // two classes at 0 and 1 in one feature; class 2 has no rows
        var x = new FeatureMatrix([0f, 0.1f, 1f, 0.9f], 4, 1);
        var model = new NearestShrunkenCentroid(new CentroidHyperParameters());
        model.Fit(new LabelledRows(x, [0, 0, 1, 1], 3), null, new FitOptions());
        var p = model.PredictProbabilities(new FeatureMatrix([1e4f, -1e4f, 0.05f], 3, 1));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1f, p[3 * i] + p[3 * i + 1] + p[3 * i + 2], 5);
            Assert.Equal(0f, p[3 * i + 2]);
        }
        Assert.Equal([1, 0, 0], model.Predict(new FeatureMatrix([1e4f, -1e4f, 0.05f], 3, 1)));
    }
}
