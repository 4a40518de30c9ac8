using FlowForge.Emulators.Jenkins.State;

namespace FlowForge.Emulators.Jenkins.Json;

/// <summary>
/// A build as <c>api/json</c> exports it (<c>hudson.model.Run</c>; <c>WorkflowRun</c> with <c>changeSets</c>,
/// <c>FreeStyleBuild</c> with <c>changeSet</c>), with the actions FlowForge reads: causes, parameters and the git
/// plugin's <c>BuildData</c>. <c>number</c> and <c>url</c> show at any depth, as in a job's <c>builds</c>.
/// </summary>
internal static class BuildJson
{
    private static readonly string[] ChangedFiles = ["README.md"];

    public static ExportedObject Of(JenkinsState state, BuildState build)
    {
        var url = new Uri(state.BaseUrl, build.Path).AbsoluteUri;
        var duration = build.FinishedAt is { } end ? (long)(end - build.Timestamp).TotalMilliseconds : 0L;
        var exported = new ExportedObject(build.Job.BuildClass)
            .Add("actions", (Func<object?>)(() => Actions(build)))
            .Add("artifacts", Array.Empty<object>())
            .Add("building", build.Building)
            .Add("description", null)
            .Add("displayName", $"#{build.Number}")
            .Add("duration", duration)
            .Add("estimatedDuration", (Func<object?>)(() => Estimate(build.Job.Job!)))
            .Add("executor", build.Building ? new ExportedObject("hudson.model.OneOffExecutor") : null)
            .Add("fullDisplayName", $"{build.Job.FullDisplayName} #{build.Number}")
            .Add("id", JenkinsState.Number(build.Number))
            .Add("keepLog", false)
            .Add("number", build.Number, visibility: 2)
            .Add("queueId", build.QueueId)
            .Add("result", build.Result)
            .Add("timestamp", build.Timestamp)
            .Add("url", url, visibility: 2);
        var changes = ChangeSet(state, build);
        return build.Job.Kind == ItemKind.Pipeline
            ? exported.Add("changeSets", new[] { changes }).Add("culprits", Array.Empty<object>()).Add("inProgress", build.Building)
            : exported.Add("builtOn", build.Agent == "built-in" ? "" : build.Agent).Add("changeSet", changes).Add("culprits", Array.Empty<object>());
    }

    /// <summary>Who or what started it, the parameters, the checked-out revision, and actions FlowForge does not read.</summary>
    public static List<ExportedObject> Actions(BuildState build)
    {
        List<ExportedObject> actions = [Causes(build.Pending.Causes)];
        if (ParameterJson.Action(build.Pending.Parameters) is { } parameters)
        {
            actions.Add(parameters);
        }

        var commit = build.Pending.Commit;
        var branchName = build.Job.Branch is not null ? commit.Branch : $"refs/remotes/origin/{commit.Branch}";
        var revision = new ExportedObject(null)
            .Add("SHA1", commit.Sha)
            .Add("branch", new[] { new ExportedObject(null).Add("SHA1", commit.Sha).Add("name", branchName) });
        actions.Add(new ExportedObject("hudson.plugins.git.util.BuildData")
            .Add("buildsByBranchName", new Dictionary<string, object?>
            {
                [branchName] = new ExportedObject("hudson.plugins.git.util.Build")
                    .Add("buildNumber", build.Number)
                    .Add("buildResult", null)
                    .Add("marked", revision)
                    .Add("revision", revision),
            })
            .Add("lastBuiltRevision", revision)
            .Add("remoteUrls", new[] { build.Job.Job!.RepositoryUrl })
            .Add("scmName", ""));
        actions.Add(new ExportedObject(null));
        actions.Add(new ExportedObject("org.jenkinsci.plugins.displayurlapi.actions.RunDisplayAction"));
        if (build.Job.Kind == ItemKind.Pipeline)
        {
            actions.Add(new ExportedObject("org.jenkinsci.plugins.workflow.job.views.FlowGraphAction"));
        }

        return actions;
    }

    /// <summary>A <c>hudson.model.CauseAction</c>: user causes add <c>userId</c> and <c>userName</c>.</summary>
    public static ExportedObject Causes(IReadOnlyList<CauseInfo> causes) =>
        new ExportedObject("hudson.model.CauseAction").Add("causes", causes.Select(cause =>
        {
            var exported = new ExportedObject(cause.Class).Add("shortDescription", cause.ShortDescription, visibility: 3);
            return cause.UserId is null ? exported : exported.Add("userId", cause.UserId, visibility: 3).Add("userName", cause.UserName, visibility: 3);
        }).ToList());

    /// <summary>The git plugin's change set: the one commit the build brought in.</summary>
    private static ExportedObject ChangeSet(JenkinsState state, BuildState build)
    {
        var commit = build.Pending.Commit;
        var author = commit.AuthorName.ToLowerInvariant().Replace(' ', '.');
        var item = new ExportedObject("hudson.plugins.git.GitChangeSet")
            .Add("affectedPaths", ChangedFiles)
            .Add("commitId", commit.Sha)
            .Add("timestamp", commit.Timestamp)
            .Add("author", new ExportedObject("hudson.model.User")
                .Add("absoluteUrl", new Uri(state.BaseUrl, $"user/{Uri.EscapeDataString(author)}").AbsoluteUri)
                .Add("fullName", commit.AuthorName))
            .Add("authorEmail", commit.AuthorEmail)
            .Add("comment", commit.Message + "\n")
            .Add("date", commit.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture))
            .Add("id", commit.Sha)
            .Add("msg", commit.Message.Split('\n')[0])
            .Add("paths", new[] { new ExportedObject(null).Add("editType", "edit").Add("file", "README.md") });
        return new ExportedObject("hudson.plugins.git.GitChangeSetList").Add("items", new[] { item }).Add("kind", "git");
    }

    private static long Estimate(JobState job)
    {
        var durations = job.Builds.Values.Where(build => build.FinishedAt is not null).Take(3)
            .Select(build => (long)(build.FinishedAt!.Value - build.Timestamp).TotalMilliseconds).ToList();
        return durations.Count == 0 ? -1 : (long)durations.Average();
    }
}
