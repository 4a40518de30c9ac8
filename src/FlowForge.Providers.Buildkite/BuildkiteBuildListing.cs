using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Buildkite.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.Buildkite;

/// <summary>
/// Reads builds at the lowest rate-limit cost Buildkite allows. Buildkite has no free conditional requests and a
/// per-user budget of 50 requests a minute, so one request per pipeline per cycle would spend it all at 50 watched
/// pipelines. Instead:
/// <list type="bullet">
/// <item>A pipeline this connection has not listed yet gets its own first page of builds (its recent history).</item>
/// <item>Two or more already-listed pipelines due together share one organization-wide listing
/// (<c>GET /organizations/{org}/builds</c>, newest first), read page by page only until it reaches the builds every one of
/// them has already seen (minus <see cref="HorizonMargin"/>); should that take more than <see cref="OrganizationPageCap"/>
/// pages (a very busy organization), they fall back to one request each.</item>
/// <item>Builds embed their jobs: every listed or fetched build's jobs are kept, so <see cref="ListJobsAsync"/> answers
/// without a request when the run it is asked about is the one last seen.</item>
/// </list>
/// A finished build beyond the organization's newest pages that is retried later shows up once a webhook or a lone poll
/// of its pipeline sees it; active builds pushed off those pages are refreshed one by one by the sync engine.
/// </summary>
internal sealed partial class BuildkiteBuildListing(
    string instanceId, BuildkiteApiClient client, BuildkiteMapper mapper, TimeProvider time, ILogger logger)
{
    /// <summary>From this many already-listed pipelines due at once, one organization-wide listing is cheaper.</summary>
    public const int OrganizationWideThreshold = 2;

    /// <summary>Organization-wide pages read per poll at most (100 builds each).</summary>
    public const int OrganizationPageCap = 5;

    /// <summary>Bounds the jobs kept; past it, the memory starts over (the next read of a build refills it).</summary>
    private const int JobMemoryCapacity = 4096;

    /// <summary>Per pipeline slug: when the last listing that covered its new builds started (FlowForge's clock).</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _coveredSince = new(StringComparer.Ordinal);

    /// <summary>Per run id: the jobs of the build as last read, with the run they belong to.</summary>
    private readonly ConcurrentDictionary<string, (RunStatus Status, long? UpdatedAt, IReadOnlyList<Job> Jobs)> _jobs = new(StringComparer.Ordinal);

    /// <summary>Tolerance for clock skew between FlowForge and Buildkite and for builds created while a listing ran.</summary>
    public static TimeSpan HorizonMargin { get; } = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<Run>> ListRecentAsync(IReadOnlyList<Pipeline> pipelines, int perSourceLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        if (perSourceLimit <= 0 || pipelines.Count == 0)
        {
            return [];
        }

        var started = time.GetUtcNow();
        var slugs = pipelines.Select(pipeline => pipeline.Key.NativeId).Distinct(StringComparer.Ordinal).ToList();
        var alone = slugs.Where(slug => !_coveredSince.ContainsKey(slug)).ToList();
        var together = slugs.Except(alone, StringComparer.Ordinal).ToList();
        var runs = new List<Run>();
        if (together.Count >= OrganizationWideThreshold)
        {
            var listed = await ListOrganizationWideAsync(together, perSourceLimit, cancellationToken);
            if (listed is null)
            {
                LogOrganizationFallback(logger, together.Count, OrganizationPageCap);
                alone.AddRange(together);
            }
            else
            {
                runs.AddRange(listed);
                together.ForEach(slug => _coveredSince[slug] = started);
            }
        }
        else
        {
            alone.AddRange(together);
        }

        // One pipeline after the other: Buildkite's budgets are per minute, and a burst helps nobody.
        foreach (var slug in alone)
        {
            try
            {
                var builds = await client.ListPipelineBuildsAsync(slug, perSourceLimit, cancellationToken);
                runs.AddRange(builds.Take(perSourceLimit).Select(build => Remember(slug, build)));
                _coveredSince[slug] = started;
            }
            catch (ProviderException exception) when (exception.Kind == ProviderErrorKind.NotFound)
            {
                // A deleted or no longer visible pipeline has no builds; it must not fail every other one.
                _coveredSince.TryRemove(slug, out _);
                LogPipelineSkipped(logger, slug, exception.Message);
            }
        }

        return runs;
    }

    /// <summary><c>GET …/builds/{number}</c> for a run id made by <see cref="BuildkiteMapper.RunId"/>.</summary>
    public async Task<Run> GetRunAsync(Pipeline pipeline, string runNativeId, CancellationToken cancellationToken)
    {
        var (slug, number) = Address(pipeline, runNativeId);
        return Remember(slug, await client.GetBuildAsync(slug, number, cancellationToken));
    }

    /// <summary>The jobs as the build was last read, if that read showed this very run; otherwise one read of the build.</summary>
    public async Task<IReadOnlyList<Job>> ListJobsAsync(Pipeline pipeline, Run run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (slug, number) = Address(pipeline, run.NativeId);
        if (_jobs.TryGetValue(run.NativeId, out var known) && known.Status == run.Status && known.UpdatedAt == Stamp(run.UpdatedAt))
        {
            return known.Jobs;
        }

        var build = await client.GetBuildAsync(slug, number, cancellationToken);
        Remember(slug, build);
        return mapper.MapJobs(build);
    }

    /// <summary>Maps a build read from Buildkite and keeps its jobs for <see cref="ListJobsAsync"/>.</summary>
    public Run Remember(string slug, BuildDto build)
    {
        var run = mapper.MapRun(instanceId, slug, build);
        if (build.Jobs is not null)
        {
            if (_jobs.Count >= JobMemoryCapacity)
            {
                _jobs.Clear();
            }

            _jobs[run.NativeId] = (run.Status, Stamp(run.UpdatedAt), mapper.MapJobs(build));
        }

        return run;
    }

    /// <summary>The pipeline slug and build number a run id names, checked against the pipeline it is asked for.</summary>
    public static (string Slug, long Number) Address(Pipeline pipeline, string runNativeId)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(runNativeId);
        if (!BuildkiteMapper.TryParseRunId(runNativeId, out var slug, out var number))
        {
            throw new ProviderException(ProviderErrorKind.NotFound, $"'{runNativeId}' is not a Buildkite build id ({{pipeline}}:{{number}}).");
        }

        return string.Equals(slug, pipeline.Key.NativeId, StringComparison.Ordinal)
            ? (slug, number)
            : throw new ProviderException(ProviderErrorKind.NotFound, $"Build {runNativeId} belongs to pipeline '{slug}', not to '{pipeline.Name}' ({pipeline.Key.NativeId}).");
    }

    /// <summary>Null when the cap stopped the walk before it reached builds every pipeline had already seen.</summary>
    private async Task<List<Run>?> ListOrganizationWideAsync(IReadOnlyList<string> slugs, int perSourceLimit, CancellationToken cancellationToken)
    {
        var horizon = slugs.Min(slug => _coveredSince.GetValueOrDefault(slug)) - HorizonMargin;
        var (builds, complete) = await client.ListOrganizationBuildsAsync(
            page => page.Count > 0 && page[^1].CreatedAt is { } oldest && oldest > horizon,
            OrganizationPageCap,
            cancellationToken);
        if (!complete)
        {
            return null;
        }

        var wanted = slugs.ToHashSet(StringComparer.Ordinal);
        return
        [
            .. builds
                .Where(build => build.Pipeline?.Slug is { } slug && wanted.Contains(slug))
                .DistinctBy(build => build.Id)
                .GroupBy(build => build.Pipeline!.Slug, StringComparer.Ordinal)
                .SelectMany(pipeline => pipeline.OrderByDescending(build => build.Number).Take(perSourceLimit).Select(build => Remember(pipeline.Key, build))),
        ];
    }

    /// <summary>Times compare at the store's precision (milliseconds), so a run read back from it still matches.</summary>
    private static long? Stamp(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped Buildkite pipeline {Pipeline}: {Reason}")]
    private static partial void LogPipelineSkipped(ILogger logger, string pipeline, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The organization's new builds fill more than {PageCap} pages; {Count} pipelines are listed one by one this time.")]
    private static partial void LogOrganizationFallback(ILogger logger, int count, int pageCap);
}
