using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Jenkins.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.Jenkins;

/// <summary>
/// Discovery: the folder tree in as few requests as its depth allows (one <c>tree</c> query describes
/// <see cref="JenkinsTree.DiscoveryDepth"/> levels), descending into folders, organization folders and multibranch
/// projects; every job found is a source of its own.
/// </summary>
internal sealed partial class JenkinsConnection
{
    /// <summary>A bound on discovery's requests, should a controller have thousands of deep folders.</summary>
    private const int MaxDiscoveryRequests = 200;

    private readonly ConcurrentDictionary<string, JenkinsJob> _discovered = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<WatchableSource>> ListSourcesAsync(CancellationToken cancellationToken)
    {
        var jobs = await DiscoverAsync(cancellationToken);
        _discovered.Clear();
        foreach (var job in jobs)
        {
            _discovered[job.FullName] = job;
        }

        return [.. jobs.Select(JenkinsMapper.MapSource)];
    }

    /// <summary>Each source is one job: its pipeline comes from what discovery saw, without another request.</summary>
    public async Task<IReadOnlyList<Pipeline>> ListPipelinesAsync(IReadOnlyList<WatchableSource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var pipelines = new List<Pipeline>(sources.Count);
        foreach (var source in sources)
        {
            var job = _discovered.GetValueOrDefault(source.Id) ?? await FindJobAsync(source.Id, cancellationToken);
            if (job is null)
            {
                LogJobSkipped(logger, source.Id, "Jenkins no longer lists it.");
                continue;
            }

            pipelines.Add(JenkinsMapper.MapPipeline(InstanceId, job));
        }

        return pipelines;
    }

    /// <summary>Parses the <c>folders</c> setting: full names separated by commas, without surrounding slashes.</summary>
    internal static IReadOnlyList<string> ParseFolders(string? setting) =>
        [.. (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(folder => folder.Trim('/'))
            .Where(folder => folder.Length > 0)
            .Distinct(StringComparer.Ordinal)];

    private async Task<List<JenkinsJob>> DiscoverAsync(CancellationToken cancellationToken)
    {
        var found = new SortedDictionary<string, JenkinsJob>(StringComparer.Ordinal);
        var pending = new Queue<string>(folders.Count == 0 ? [""] : folders);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var requests = 0;
        while (pending.TryDequeue(out var folder))
        {
            if (!visited.Add(folder))
            {
                continue;
            }

            if (++requests > MaxDiscoveryRequests)
            {
                LogDiscoveryCapped(logger, MaxDiscoveryRequests);
                break;
            }

            FolderDto listing;
            try
            {
                listing = await client.GetJsonAsync(JenkinsPaths.JobPath(folder), JenkinsTree.Discovery, JenkinsJsonContext.Default.FolderDto, cancellationToken);
            }
            catch (ProviderException exception) when (exception.Kind == ProviderErrorKind.NotFound && folder.Length > 0)
            {
                LogJobSkipped(logger, folder, exception.Message);
                continue;
            }

            var (jobs, deeper) = Read(listing, folder);
            foreach (var job in jobs)
            {
                found[job.FullName] = job;
            }

            foreach (var next in deeper)
            {
                pending.Enqueue(next);
            }
        }

        return [.. found.Values];
    }

    /// <summary>The jobs one discovery answer describes, and the folders too deep for it to describe.</summary>
    /// <param name="folder">The full name of the folder asked for; "" for the root.</param>
    internal static (List<JenkinsJob> Jobs, List<string> Deeper) Read(FolderDto listing, string folder)
    {
        var jobs = new List<JenkinsJob>();
        var deeper = new List<string>();
        Walk(listing.Jobs, folder, listing.Class, 1, jobs, deeper);
        return (jobs, deeper);
    }

    /// <summary>Jobs become sources; folders are descended into, or left for a request of their own past the described depth.</summary>
    private static void Walk(IReadOnlyList<ItemDto>? items, string parent, string? parentClass, int level, List<JenkinsJob> jobs, List<string> deeper)
    {
        foreach (var item in items ?? [])
        {
            var fullName = item.FullName ?? (parent.Length == 0 ? item.Name : $"{parent}/{item.Name}");
            if (item.Jobs is null)
            {
                jobs.Add(ToJob(item, fullName, parentClass));
            }
            else if (level < JenkinsTree.DiscoveryDepth)
            {
                Walk(item.Jobs, fullName, item.Class, level + 1, jobs, deeper);
            }
            else if (item.Jobs.Count > 0)
            {
                deeper.Add(fullName);
            }
        }
    }

    /// <summary>One job by its full name, read from its parent's listing (which also tells whether it is a branch of a multibranch project).</summary>
    private async Task<JenkinsJob?> FindJobAsync(string fullName, CancellationToken cancellationToken)
    {
        var slash = fullName.LastIndexOf('/');
        var parent = slash < 0 ? "" : fullName[..slash];
        var name = fullName[(slash + 1)..];
        var listing = await client.GetJsonAsync(JenkinsPaths.JobPath(parent), $"jobs[{JenkinsTree.Item},jobs[name]]", JenkinsJsonContext.Default.FolderDto, cancellationToken);
        var item = listing.Jobs?.FirstOrDefault(candidate => candidate.Name == name && candidate.Jobs is null);
        return item is null ? null : ToJob(item, fullName, listing.Class);
    }

    private static JenkinsJob ToJob(ItemDto item, string fullName, string? parentClass) => new(
        fullName,
        item.Class ?? "unknown",
        item.FullDisplayName ?? fullName.Replace("/", " » ", StringComparison.Ordinal),
        item.Description,
        JenkinsMapper.ToUri(item.Url),
        item.Color,
        // Multibranch projects name a branch's job by the percent-encoded branch name.
        JenkinsJob.IsMultibranch(parentClass) ? Uri.UnescapeDataString(item.Name) : null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jenkins discovery stopped after {Requests} requests; deeper folders were not read.")]
    private static partial void LogDiscoveryCapped(ILogger logger, int requests);
}
