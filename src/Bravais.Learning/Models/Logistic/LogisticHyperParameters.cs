namespace Bravais.Learning.Models.Logistic;

/// <summary>
/// Multinomial logistic regression with an L2 penalty, parameterised as in scikit-learn:
/// minimise C · Σᵢ −log p(yᵢ | xᵢ) + ½‖W‖² over weights W (classes × features) and intercepts b
/// (the intercepts are not penalised), on features standardised with the training mean and standard
/// deviation. Larger C = weaker regularisation.
/// </summary>
/// <param name="C">Inverse regularisation strength (C &gt; 0).</param>
/// <param name="MaxIterations">L-BFGS iteration limit.</param>
/// <param name="Tolerance">Stop when the largest gradient component of the mean loss
/// (1/n)·Σ −log p + ‖W‖²/(2Cn) is at most this.</param>
public sealed record LogisticHyperParameters(double C = 1.0, int MaxIterations = 500, double Tolerance = 1e-4);
