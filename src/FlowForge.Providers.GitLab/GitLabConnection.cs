using System.Collections.Concurrent;
using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitLab.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.GitLab;

/// <summary>
/// A connection to one GitLab instance: orchestrates <see cref="GitLabApiClient"/> calls and <see cref="GitLabMapper"/>
/// mapping; parameters, actions and webhooks are delegated to <see cref="GitLabParameterSource"/>,
/// <see cref="GitLabRunActions"/> and <see cref="GitLabWebhooks"/>. Safe for concurrent use.
/// </summary>
/// <remarks>
/// A pipeline in FlowForge is a project's CI. Listing its runs is one request per project; the commit message, the
/// author, who started a run and when it ran are not in that list, so each pipeline's jobs (which carry them) are read
/// once per state of the pipeline — see <see cref="GitLabRunFacts"/> — and handed on to the sync's job read.
/// </remarks>
internal sealed partial class GitLabConnection(
    string instanceId,
    GitLabApiClient client,
    GitLabMapper mapper,
    GitLabRunFacts facts,
    IReadOnlyList<string> groups,
    GitLabRefFilter refs,
    GitLabWebhooks webhooks,
    GitLabParameterSource parameters,
    GitLabRunActions actions,
    ILogger logger)
    : RunControlConnection(instanceId, parameters, actions),
        ICredentialValidator, ISourceDiscovery, IPipelineSource, IRunSource, IJobLogSource, IWebhookReceiver, IJobUnblocker
{
    /// <summary>Projects discovery saw, by path, so listing their pipelines costs no request.</summary>
    private readonly ConcurrentDictionary<string, ProjectDto> _projects = new(StringComparer.OrdinalIgnoreCase);

    internal GitLabApiClient Client => client;

    internal GitLabRunFacts Facts => facts;

    /// <summary>Plays a manual job: GitLab's way of letting a job that waits for a person go on.</summary>
    public Task<ActionResult> UnblockJobAsync(Pipeline pipeline, Run run, Job job, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken) =>
        actions.PlayAsync(pipeline, run, job, fields, cancellationToken);

    internal GitLabParameterSource ParameterSource { get; } = parameters;

    /// <summary><c>GET /user</c>, and the token's scopes where it is a personal, group or project access token.</summary>
    public async Task<CredentialCheck> ValidateCredentialsAsync(CancellationToken cancellationToken)
    {
        var user = await client.GetUserAsync(cancellationToken);
        IReadOnlyList<string> scopes = [];
        if (!client.UsesOAuthToken)
        {
            try
            {
                scopes = (await client.GetTokenAsync(cancellationToken)).Scopes;
            }
            catch (ProviderException exception) when (exception.Kind is ProviderErrorKind.NotFound or ProviderErrorKind.PermissionDenied)
            {
                // Before GitLab 15.5 a token cannot read its own scopes; the check then names the user only.
            }
        }

        return new CredentialCheck(user.Username, scopes);
    }

    /// <summary>
    /// The projects with CI the token's user is a member of, or those of the configured groups and their subgroups.
    /// A configured group that does not exist (or is not visible) is skipped and logged, unless none is left.
    /// </summary>
    public async Task<IReadOnlyList<WatchableSource>> ListSourcesAsync(CancellationToken cancellationToken)
    {
        var projects = new List<ProjectDto>();
        if (groups.Count == 0)
        {
            projects.AddRange(await client.ListMemberProjectsAsync(cancellationToken));
        }
        else
        {
            var missing = new List<string>();
            foreach (var group in groups)
            {
                try
                {
                    projects.AddRange(await client.ListGroupProjectsAsync(group, cancellationToken));
                }
                catch (ProviderException exception) when (exception.Kind == ProviderErrorKind.NotFound)
                {
                    LogGroupSkipped(logger, group, exception.Message);
                    missing.Add(group);
                }
            }

            if (missing.Count == groups.Count)
            {
                throw new ProviderException(ProviderErrorKind.NotFound, $"GitLab knows none of the groups {string.Join(", ", groups)}, or the token cannot see them.");
            }
        }

        var sources = new List<WatchableSource>();
        foreach (var project in projects.DistinctBy(project => project.Id).Where(HasCi))
        {
            _projects[project.PathWithNamespace] = project;
            sources.Add(GitLabMapper.MapSource(project));
        }

        return sources;
    }

    /// <summary>One pipeline per project: from what discovery read, or <c>GET /projects/:path</c> for a project it did not.</summary>
    public async Task<IReadOnlyList<Pipeline>> ListPipelinesAsync(IReadOnlyList<WatchableSource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var pipelines = new List<Pipeline>();
        foreach (var source in sources)
        {
            try
            {
                if (!_projects.TryGetValue(source.Id, out var project))
                {
                    project = _projects[source.Id] = await client.GetProjectAsync(source.Id, cancellationToken);
                }

                pipelines.Add(GitLabMapper.MapPipeline(InstanceId, project));
            }
            catch (ProviderException exception) when (exception.Kind == ProviderErrorKind.NotFound)
            {
                // A deleted or no longer visible project has no pipeline; it must not fail every other one.
                LogSourceSkipped(logger, source.Id, exception.Message);
            }
        }

        return pipelines;
    }

    public WebhookDelivery Receive(WebhookRequest request) => webhooks.Receive(request);

    /// <summary>Parses the <c>groups</c> setting: full paths separated by commas and/or spaces.</summary>
    internal static IReadOnlyList<string> ParseGroups(string? setting) =>
        [.. (setting ?? string.Empty)
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(group => group.Trim('/'))
            .Where(group => group.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    internal static long ParseId(string nativeId, string what) =>
        long.TryParse(nativeId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ProviderException(ProviderErrorKind.NotFound, $"'{nativeId}' is not a GitLab {what} id.");

    /// <summary>A project whose CI/CD feature is off has no pipelines to watch.</summary>
    private static bool HasCi(ProjectDto project) =>
        project.JobsEnabled != false && !string.Equals(project.BuildsAccessLevel, "disabled", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped GitLab project {Project}: {Reason}")]
    private static partial void LogSourceSkipped(ILogger logger, string project, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped GitLab group {Group}: {Reason}")]
    private static partial void LogGroupSkipped(ILogger logger, string group, string reason);
}
