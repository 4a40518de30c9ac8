namespace FlowForge.Benchmarks;

internal static class Statistics
{
    public static double Median(IEnumerable<double> values) => Percentile([.. values.Order()], 0.5);

    /// <summary>Nearest-rank percentile of already sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
