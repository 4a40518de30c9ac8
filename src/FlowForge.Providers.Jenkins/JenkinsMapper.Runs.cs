using System.Text.Json;
using FlowForge.Abstractions.Domain;
using FlowForge.Providers.Jenkins.Dtos;

namespace FlowForge.Providers.Jenkins;

/// <summary>Builds and queue items as runs.</summary>
internal sealed partial class JenkinsMapper
{
    public const string QueuedStatus = "queued";

    /// <summary>A queued request that left the queue without becoming a build: cancelled.</summary>
    public const string WithdrawnStatus = "queued/cancelled";

    public Run MapBuild(Pipeline pipeline, BuildDto build)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(build);
        var actions = build.Actions?.OfType<ActionDto>().ToList() ?? [];
        var commit = CommitOf(build, actions);
        var started = DateTimeOffset.FromUnixTimeMilliseconds(build.Timestamp);
        DateTimeOffset? finished = build.Building ? null : started.AddMilliseconds(Math.Max(0, build.Duration));
        var customName = string.IsNullOrEmpty(build.DisplayName) || build.DisplayName == $"#{JenkinsPaths.Number(build.Number)}" ? null : build.DisplayName;
        return new Run(
            pipeline.Key,
            JenkinsPaths.RunId(pipeline.Key.NativeId, build.Number),
            build.Number,
            1,
            MapResult(build.Building, build.Result),
            FormatProviderStatus(build.Building, build.Result),
            customName ?? commit?.Message ?? build.Description,
            EventOf(actions),
            ActorOf(actions),
            pipeline.DefaultBranch ?? BranchOf(MainRevision(actions, ChangeItems(build))),
            commit,
            started,
            started,
            finished,
            // Queued (inQueueSince) < started (timestamp) < finished: a later state is never older than an earlier one.
            finished ?? started,
            ToUri(build.Url),
            ParametersOf(actions));
    }

    /// <summary>
    /// The request waiting in the queue, as the run it becomes: a build takes the job's next build number when it starts,
    /// so the queued run already carries it and keeps its id when it turns into that build.
    /// </summary>
    public static Run MapQueued(Pipeline pipeline, long nextBuildNumber, QueueItemDto item)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(item);
        var actions = item.Actions?.OfType<ActionDto>().ToList() ?? [];
        var queuedAt = FromMilliseconds(item.InQueueSince) ?? DateTimeOffset.UnixEpoch;
        return new Run(
            pipeline.Key,
            JenkinsPaths.RunId(pipeline.Key.NativeId, nextBuildNumber),
            nextBuildNumber,
            1,
            RunStatus.Queued,
            QueuedStatus,
            item.Why,
            EventOf(actions),
            ActorOf(actions),
            pipeline.DefaultBranch,
            null,
            queuedAt,
            null,
            null,
            queuedAt,
            pipeline.WebUrl,
            ParametersOf(actions));
    }

    /// <summary>A run FlowForge saw queued whose request left the queue without a build (cancelled, or the job was disabled).</summary>
    public static Run MapWithdrawn(Pipeline pipeline, long number, DateTimeOffset observedAt)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new Run(
            pipeline.Key,
            JenkinsPaths.RunId(pipeline.Key.NativeId, number),
            number,
            1,
            RunStatus.Cancelled,
            WithdrawnStatus,
            null,
            null,
            null,
            pipeline.DefaultBranch,
            null,
            observedAt,
            null,
            observedAt,
            observedAt,
            pipeline.WebUrl,
            Run.NoParameters);
    }

    /// <summary>
    /// The built commit: the git plugin's <c>lastBuiltRevision</c>, with message and author from the change set entry of
    /// that commit (or the newest entry).
    /// </summary>
    private static CommitInfo? CommitOf(BuildDto build, List<ActionDto> actions)
    {
        var items = ChangeItems(build);
        var sha = MainRevision(actions, items)?.Sha1;
        var entry = items.LastOrDefault(item => sha is not null && item.CommitId == sha) ?? items.LastOrDefault();
        sha ??= entry?.CommitId;
        return string.IsNullOrEmpty(sha) ? null : new CommitInfo(sha, entry?.Msg, entry?.Author?.FullName, entry?.AuthorEmail);
    }

    /// <summary>
    /// The job's own revision. A Pipeline with shared libraries records one per checkout; the one the change sets speak of
    /// is the job's, else the first.
    /// </summary>
    private static RevisionDto? MainRevision(List<ActionDto> actions, List<ChangeSetItemDto> items)
    {
        var revisions = actions.Select(action => action.LastBuiltRevision).OfType<RevisionDto>().Where(revision => revision.Sha1 is not null).ToList();
        return revisions.FirstOrDefault(revision => items.Any(item => item.CommitId == revision.Sha1)) ?? revisions.FirstOrDefault();
    }

    private static List<ChangeSetItemDto> ChangeItems(BuildDto build) =>
        [.. (build.ChangeSets ?? []).Append(build.ChangeSet).OfType<ChangeSetDto>().SelectMany(set => set.Items?.OfType<ChangeSetItemDto>() ?? [])];

    /// <summary>What started the build, from its first cause: <c>manual</c>, <c>scm</c>, <c>schedule</c>, <c>push</c>, …</summary>
    private static string? EventOf(List<ActionDto> actions)
    {
        var cause = Causes(actions).FirstOrDefault(candidate => candidate.Class is not null);
        if (cause?.Class is not { } causeClass)
        {
            return null;
        }

        var name = causeClass[(causeClass.LastIndexOfAny(['.', '$']) + 1)..];
        return name switch
        {
            "UserIdCause" or "UserCause" => "manual",
            "RemoteCause" => "api",
            "SCMTriggerCause" => "scm",
            "TimerTriggerCause" => "schedule",
            "UpstreamCause" => "upstream",
            "BranchIndexingCause" => "branch-indexing",
            "BranchEventCause" => "push",
            "ReplayCause" => "replay",
            "RebuildCause" => "rebuild",
            _ when name.Contains("Push", StringComparison.Ordinal) => "push",
            _ when name.Contains("PullRequest", StringComparison.Ordinal) || name.Contains("PRCause", StringComparison.Ordinal) => "pull_request",
            _ => (name.EndsWith("Cause", StringComparison.Ordinal) ? name[..^5] : name).ToLowerInvariant(),
        };
    }

    private static string? ActorOf(List<ActionDto> actions) =>
        Causes(actions).Select(cause => cause.UserId ?? cause.UserName).FirstOrDefault(user => !string.IsNullOrEmpty(user));

    private static IEnumerable<CauseDto> Causes(List<ActionDto> actions) =>
        actions.SelectMany(action => action.Causes?.OfType<CauseDto>() ?? []);

    /// <summary>The git plugin's branch name without its remote: <c>refs/remotes/origin/main</c> and <c>origin/main</c> → <c>main</c>.</summary>
    private static string? BranchOf(RevisionDto? revision)
    {
        var name = revision?.Branch?.OfType<BranchDto>().Select(branch => branch.Name).FirstOrDefault(candidate => !string.IsNullOrEmpty(candidate));
        if (name is null)
        {
            return null;
        }

        if (name.StartsWith("refs/remotes/", StringComparison.Ordinal))
        {
            var rest = name["refs/remotes/".Length..];
            return rest.Contains('/', StringComparison.Ordinal) ? rest[(rest.IndexOf('/', StringComparison.Ordinal) + 1)..] : rest;
        }

        foreach (var prefix in (string[])["refs/heads/", "origin/"])
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }

    /// <summary>The values of <c>hudson.model.ParametersAction</c>; a password's value is not exported and stays out.</summary>
    private static IReadOnlyDictionary<string, string> ParametersOf(List<ActionDto> actions)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in actions.SelectMany(action => action.Parameters?.OfType<ParameterValueDto>() ?? []))
        {
            if (ParameterText(parameter.Value) is { } text)
            {
                values[parameter.Name] = text;
            }
        }

        return values.Count == 0 ? Run.NoParameters : values;
    }

    /// <summary>A parameter value as FlowForge's text form: strings as they are, booleans <c>true</c>/<c>false</c>, numbers as written.</summary>
    internal static string? ParameterText(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => value.Value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.Value.GetRawText(),
        _ => null,
    };
}
