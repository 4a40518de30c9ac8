using System.Globalization;

namespace FlowForge.Benchmarks;

internal sealed record BenchmarkOptions(int Pipelines, int Clients, TimeSpan WarmUp, TimeSpan Duration, int Rounds, string? Output, string? Only)
{
    public bool Runs(string benchmark) => Only is null || string.Equals(Only, benchmark, StringComparison.Ordinal);

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
            values.GetValueOrDefault("output") is { } output ? FromRepositoryRoot(output) : null,
            values.GetValueOrDefault("only"));
    }

    /// <summary><c>dotnet run --project</c> may start in the project folder: relative paths mean the repository root.</summary>
    private static string FromRepositoryRoot(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FlowForge.slnx")))
            {
                return Path.Combine(directory.FullName, path);
            }
        }

        return Path.GetFullPath(path);
    }
}
