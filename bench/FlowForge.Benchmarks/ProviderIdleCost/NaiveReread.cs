using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;

namespace FlowForge.Benchmarks.ProviderIdleCost;

/// <summary>
/// The baseline: what a dashboard that re-reads everything on every cycle asks for, through the same provider code with
/// nothing remembered — the pipelines, every pipeline's recent runs, and the jobs of every one of those runs.
/// </summary>
internal static class NaiveReread
{
    public const int RunsPerPipeline = 30;

    public static async Task RunAsync(IIdleCostSubject subject)
    {
        var services = new ServiceCollection().AddSingleton(TimeProvider.System);
        subject.AddProvider(services);
        await using var provider = services.BuildServiceProvider();
        var plugin = provider.GetServices<IProviderPlugin>().Single();
        var secretFields = plugin.Descriptor.Fields.Where(field => field.Secret).Select(field => field.Key).ToHashSet(StringComparer.Ordinal);
        var context = new ProviderConnectionContext(
            "naive",
            subject.Settings.Where(setting => !secretFields.Contains(setting.Key)).ToDictionary(StringComparer.Ordinal),
            subject.Settings.Where(setting => secretFields.Contains(setting.Key)).ToDictionary(setting => setting.Key, setting => new SecretValue(setting.Value), StringComparer.Ordinal),
            new IgnoredRateLimits());
        var connection = plugin.Connect(context);
        var sources = await ((ISourceDiscovery)connection).ListSourcesAsync(CancellationToken.None);
        var pipelines = await ((IPipelineSource)connection).ListPipelinesAsync(sources, CancellationToken.None);
        var runs = (IRunSource)connection;
        foreach (var pipeline in pipelines)
        {
            foreach (var run in await runs.ListRecentRunsAsync([pipeline], RunsPerPipeline, CancellationToken.None))
            {
                await runs.ListJobsAsync(pipeline, run, CancellationToken.None);
            }
        }
    }

    private sealed class IgnoredRateLimits : IRateLimitObserver
    {
        public void Observe(RateLimitSnapshot snapshot)
        {
        }
    }
}
