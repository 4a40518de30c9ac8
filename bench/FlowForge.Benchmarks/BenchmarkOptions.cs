using System.Globalization;

namespace FlowForge.Benchmarks;

internal sealed record BenchmarkOptions(int Pipelines, int Clients, TimeSpan WarmUp, TimeSpan Duration, int Rounds, string? Output)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string key, int fallback) => values.TryGetValue(key, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new BenchmarkOptions(
            Int("pipelines", 1000),
            Int("clients", 64),
            TimeSpan.FromSeconds(Int("warmup", 3)),
            TimeSpan.FromSeconds(Int("seconds", 10)),
            Int("rounds", 3),
            values.GetValueOrDefault("output"));
    }
}
