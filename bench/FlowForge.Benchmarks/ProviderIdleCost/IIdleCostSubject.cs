namespace FlowForge.Benchmarks.ProviderIdleCost;

/// <summary>
/// One provider's emulator seeded with pipelines that each have a few finished runs, and how to count what reached it:
/// every request, and the ones that cost rate-limit budget by that provider's own rules.
/// </summary>
internal interface IIdleCostSubject : IAsyncDisposable
{
    string Provider { get; }

    string Kind { get; }

    /// <summary>The instance settings, token included, as an admin would enter them.</summary>
    IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Registers the provider plugin, for the re-read-everything baseline that runs in this process.</summary>
    void AddProvider(IServiceCollection services);

    int RequestMark();

    (int Requests, int Costly) RequestsSince(int mark);
}

/// <summary>What every seeded pipeline has: a few runs, all finished, so an idle cycle has nothing new to find.</summary>
internal static class IdleCostSeed
{
    public const int RunsPerPipeline = 3;

    public static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-1);

    public static DateTimeOffset StartOf(int pipeline, int run) => Start.AddMinutes((pipeline * RunsPerPipeline) + run);
}
