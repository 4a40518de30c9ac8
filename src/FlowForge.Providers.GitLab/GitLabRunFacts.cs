using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Providers.GitLab.Dtos;

namespace FlowForge.Providers.GitLab;

/// <summary>What a pipeline's jobs tell about it that the pipelines list leaves out.</summary>
/// <param name="Commit">Every job carries the pipeline's commit with its message and author.</param>
/// <param name="Actor">Who started the first job, which is who started the pipeline.</param>
/// <param name="StartedAt">When the first job started.</param>
/// <param name="FinishedAt">When the last job finished.</param>
/// <param name="HasWarnings">A job with <c>allow_failure: true</c> failed.</param>
internal sealed record RunFacts(JobCommitDto? Commit, string? Actor, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, bool HasWarnings)
{
    public static RunFacts From(IReadOnlyList<JobDto> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var byAge = jobs.OrderBy(job => job.Id).ToList();
        return new RunFacts(
            byAge.Select(job => job.Commit).FirstOrDefault(commit => commit is not null),
            byAge.Select(job => job.User?.Username).FirstOrDefault(name => name is not null),
            byAge.Min(job => job.StartedAt),
            byAge.Max(job => job.FinishedAt),
            byAge.Any(job => job.AllowFailure && job.Status == "failed"));
    }
}

/// <summary>A pipeline's state as far as the facts about it go: its status and last update.</summary>
internal readonly record struct RunStamp(string Status, long? UpdatedAtMs)
{
    public static RunStamp Of(PipelineDto pipeline) => new(pipeline.Status, pipeline.UpdatedAt?.ToUnixTimeMilliseconds());

    public static RunStamp Of(Run run) => new(run.ProviderStatus, run.UpdatedAt?.ToUnixTimeMilliseconds());
}

/// <summary>
/// The facts of one connection's pipelines, so that listing a project's runs costs one request when nothing changed:
/// a pipeline's jobs are read once per state of the pipeline (new, or its status or update time moved), never once
/// per listing. The jobs such a read brought are kept briefly and handed once to the job read the sync engine makes
/// right after the listing, so that read costs no second request. Thread-safe and bounded: past
/// <see cref="Capacity"/> pipelines, the oldest (lowest ids) are forgotten first.
/// </summary>
internal sealed class GitLabRunFacts(TimeProvider time)
{
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<(long Project, long Pipeline), Entry> _entries = new();

    /// <summary>How long jobs read by a listing are offered to the next job read of the same state.</summary>
    public static TimeSpan JobsReuseWindow { get; } = TimeSpan.FromSeconds(30);

    public int Count => _entries.Count;

    /// <summary>The facts read at exactly the pipeline's current state, or null when they must be read (again).</summary>
    public RunFacts? Current(long project, PipelineDto pipeline) =>
        _entries.TryGetValue((project, pipeline.Id), out var entry) && entry.Stamp == RunStamp.Of(pipeline) ? entry.Facts : null;

    /// <summary>The facts read at any state: the commit and who started the pipeline never change.</summary>
    public RunFacts? Latest(long project, long pipeline) =>
        _entries.TryGetValue((project, pipeline), out var entry) ? entry.Facts : null;

    /// <summary>
    /// Records what a read of the pipeline's jobs says. The state they belong to is the <c>pipeline</c> each job carries
    /// (the pipeline as it was when the jobs were read), or <paramref name="asOf"/> when no job says it fully.
    /// </summary>
    /// <param name="offerJobs">Keep the jobs for one <see cref="TakeJobs"/> within <see cref="JobsReuseWindow"/>.</param>
    public RunFacts Record(long project, long pipeline, RunStamp asOf, IReadOnlyList<JobDto> jobs, bool offerJobs)
    {
        var facts = RunFacts.From(jobs);

        // Only a complete state will match a listing again; a server whose jobs leave out their pipeline's update time
        // gets the state the read was made for.
        var stamp = jobs.Select(job => job.Pipeline).FirstOrDefault(owner => owner is { Status: not null, UpdatedAt: not null }) is { } owner
            ? new RunStamp(owner.Status!, owner.UpdatedAt!.Value.ToUnixTimeMilliseconds())
            : asOf;
        Put((project, pipeline), new Entry(stamp, facts, offerJobs ? jobs : null, time.GetUtcNow()));
        return facts;
    }

    /// <summary>Facts a webhook delivery told, which no listing can match to a state (deliveries carry no update time).</summary>
    public void Remember(long project, long pipeline, RunStamp stamp, RunFacts facts) =>
        Put((project, pipeline), new Entry(stamp, facts, null, time.GetUtcNow()));

    /// <summary>The jobs a listing read moments ago at the same state of the pipeline, handed out once; else null.</summary>
    public IReadOnlyList<JobDto>? TakeJobs(long project, long pipeline, RunStamp stamp)
    {
        var key = (project, pipeline);
        if (!_entries.TryGetValue(key, out var entry) || entry.Jobs is null || entry.Stamp != stamp
            || time.GetUtcNow() - entry.ReadAt > JobsReuseWindow)
        {
            return null;
        }

        return _entries.TryUpdate(key, entry with { Jobs = null }, entry) ? entry.Jobs : null;
    }

    private void Put((long, long) key, Entry entry)
    {
        _entries[key] = entry;
        if (_entries.Count > Capacity)
        {
            // Pipeline ids grow with time: the lowest belong to runs no listing shows any more.
            foreach (var old in _entries.Keys.OrderBy(candidate => candidate.Item2).Take(_entries.Count - (Capacity * 3 / 4)).ToList())
            {
                _entries.TryRemove(old, out _);
            }
        }
    }

    private sealed record Entry(RunStamp Stamp, RunFacts Facts, IReadOnlyList<JobDto>? Jobs, DateTimeOffset ReadAt);
}
