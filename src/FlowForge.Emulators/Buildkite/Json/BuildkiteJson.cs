using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FlowForge.Emulators.Buildkite.State;

namespace FlowForge.Emulators.Buildkite.Json;

/// <summary>
/// The REST API's objects as Buildkite writes them (the field sets of the builds, pipelines, jobs and organizations
/// pages of its docs), built as JSON nodes from snapshots.
/// </summary>
internal static class BuildkiteJson
{
    public static JsonObject Person(BuildkitePerson person) => new()
    {
        ["id"] = person.Id,
        ["graphql_id"] = GraphQlId("User", person.Id),
        ["name"] = person.Name,
        ["email"] = person.Email,
        ["avatar_url"] = "https://www.gravatar.com/avatar/" + person.Id.Replace("-", "", StringComparison.Ordinal),
        ["created_at"] = "2015-05-22T12:36:45.309Z",
    };

    public static JsonObject Organization(BuildkiteOrganization organization, BuildkiteRuntime runtime) => new()
    {
        ["id"] = organization.Id,
        ["graphql_id"] = GraphQlId("Organization", organization.Id),
        ["url"] = runtime.Api($"organizations/{organization.Slug}"),
        ["web_url"] = runtime.Web(organization.Slug),
        ["name"] = organization.Name,
        ["slug"] = organization.Slug,
        ["pipelines_url"] = runtime.Api($"organizations/{organization.Slug}/pipelines"),
        ["agents_url"] = runtime.Api($"organizations/{organization.Slug}/agents"),
        ["emojis_url"] = runtime.Api($"organizations/{organization.Slug}/emojis"),
        ["created_at"] = Time(organization.CreatedAt),
    };

    /// <param name="builds">The pipeline's builds, for its running and scheduled counts.</param>
    public static JsonObject Pipeline(BuildkitePipeline pipeline, IReadOnlyList<BuildkiteBuild> builds, BuildkiteRuntime runtime)
    {
        var path = $"organizations/{pipeline.Organization}/pipelines/{pipeline.Slug}";
        var jobs = builds.SelectMany(build => build.Jobs).Where(job => !job.Retried).ToList();
        return new JsonObject
        {
            ["id"] = pipeline.Id,
            ["graphql_id"] = GraphQlId("Pipeline", pipeline.Id),
            ["url"] = runtime.Api(path),
            ["web_url"] = runtime.Web($"{pipeline.Organization}/{pipeline.Slug}"),
            ["name"] = pipeline.Name,
            ["description"] = pipeline.Description,
            ["slug"] = pipeline.Slug,
            ["repository"] = pipeline.Repository,
            ["cluster_id"] = null,
            ["branch_configuration"] = null,
            ["default_branch"] = pipeline.DefaultBranch,
            ["skip_queued_branch_builds"] = false,
            ["skip_queued_branch_builds_filter"] = null,
            ["cancel_running_branch_builds"] = false,
            ["cancel_running_branch_builds_filter"] = null,
            ["allow_rebuilds"] = true,
            ["provider"] = new JsonObject { ["id"] = "github", ["webhook_url"] = "", ["settings"] = new JsonObject { ["trigger_mode"] = "code" } },
            ["builds_url"] = runtime.Api(path + "/builds"),
            ["badge_url"] = runtime.Web($"badges/{pipeline.Id}.svg"),
            ["created_at"] = Time(pipeline.CreatedAt),
            ["archived_at"] = Time(pipeline.ArchivedAt),
            ["env"] = Strings(pipeline.Env),
            ["scheduled_builds_count"] = builds.Count(build => build.State == BuildkiteStates.Scheduled),
            ["running_builds_count"] = builds.Count(build => build.State is BuildkiteStates.Running or BuildkiteStates.Failing),
            ["scheduled_jobs_count"] = jobs.Count(job => job.State == BuildkiteStates.Scheduled),
            ["running_jobs_count"] = jobs.Count(job => job.State == BuildkiteStates.Running),
            ["waiting_jobs_count"] = jobs.Count(job => job.State == BuildkiteStates.Waiting),
            ["visibility"] = "private",
            ["steps"] = new JsonArray([.. pipeline.Steps.Select(Step)]),
        };
    }

    /// <param name="pipeline">Null leaves the pipeline out (<c>exclude_pipeline=true</c>, webhook bodies).</param>
    /// <param name="includeJobs">False for <c>exclude_jobs=true</c> and webhook bodies.</param>
    /// <param name="includeRetried">Also list the jobs that were retried (<c>include_retried_jobs=true</c>).</param>
    /// <param name="stateCounts">Add <c>job_state_counts</c>, which only "get a build" returns.</param>
    public static JsonObject Build(
        BuildkiteBuild build, JsonObject? pipeline, BuildkiteRuntime runtime, bool includeJobs = true, bool includeRetried = false, bool stateCounts = false)
    {
        var path = BuildPath(build);
        var json = new JsonObject
        {
            ["id"] = build.Id,
            ["graphql_id"] = GraphQlId("Build", build.Id),
            ["url"] = runtime.Api(path),
            ["web_url"] = runtime.Web($"{build.Organization}/{build.Pipeline}/builds/{build.Number}"),
            ["number"] = build.Number,
            ["state"] = build.State,
            ["cancel_reason"] = null,
            ["blocked"] = build.Blocked,
            ["message"] = build.Message,
            ["commit"] = build.Commit,
            ["branch"] = build.Branch,
            ["env"] = Strings(build.Env),
            ["source"] = build.Source,
            ["author"] = new JsonObject { ["username"] = build.Author.Email.Split('@')[0], ["name"] = build.Author.Name, ["email"] = build.Author.Email },
            ["creator"] = build.Creator is { } creator ? Person(creator) : null,
        };
        var jobs = build.Jobs.Where(job => includeRetried || !job.Retried).ToList();
        if (includeJobs)
        {
            json["jobs"] = new JsonArray([.. jobs.Select(job => Job(job, build, runtime))]);
        }

        if (stateCounts)
        {
            json["job_state_counts"] = new JsonObject
            {
                ["total"] = jobs.Count,
                ["states"] = new JsonObject([.. jobs.GroupBy(job => job.State).Select(group => KeyValuePair.Create(group.Key, (JsonNode?)group.Count()))]),
            };
        }

        json["created_at"] = Time(build.CreatedAt);
        json["scheduled_at"] = Time(build.ScheduledAt);
        json["started_at"] = Time(build.StartedAt);
        json["failing_at"] = Time(build.FailingAt);
        json["finished_at"] = Time(build.FinishedAt);
        json["meta_data"] = Strings(build.MetaData);
        json["pull_request"] = null;
        json["merge_queue"] = null;
        json["rebuilt_from"] = build.RebuiltFrom is { } from
            ? new JsonObject { ["id"] = from.Id, ["number"] = from.Number, ["url"] = runtime.Api($"organizations/{build.Organization}/pipelines/{build.Pipeline}/builds/{from.Number}") }
            : null;
        if (pipeline is not null)
        {
            json["pipeline"] = pipeline;
        }

        return json;
    }

    public static JsonObject Job(BuildkiteJob job, BuildkiteBuild build, BuildkiteRuntime runtime)
    {
        var jobPath = $"{BuildPath(build)}/jobs/{job.Id}";
        var webUrl = runtime.Web($"{build.Organization}/{build.Pipeline}/builds/{build.Number}#{job.Id}");
        var json = new JsonObject
        {
            ["id"] = job.Id,
            ["graphql_id"] = GraphQlId("Job", job.Id),
            ["type"] = job.Type,
        };
        switch (job.Type)
        {
            case "waiter":
                json["step_key"] = job.StepKey;
                json["state"] = job.State;
                return json;
            case "manual":
                json["label"] = job.Label;
                json["step_key"] = job.StepKey;
                json["state"] = job.State;
                json["web_url"] = webUrl;
                json["unblocked_by"] = job.UnblockedBy is { } by ? Person(by) : null;
                json["unblocked_at"] = Time(job.UnblockedAt);
                json["unblockable"] = job.State == BuildkiteStates.Blocked;
                json["unblock_url"] = runtime.Api(jobPath + "/unblock");
                return json;
        }

        json["name"] = job.Label;
        json["step_key"] = job.StepKey;
        json["step"] = new JsonObject { ["id"] = BuildkiteState.DeterministicId($"step:{build.Pipeline}/{job.StepKey ?? job.Label}"), ["signature"] = null };
        json["priority"] = new JsonObject { ["number"] = 0 };
        json["agent_query_rules"] = new JsonArray("queue=default");
        json["state"] = job.State;
        json["build_url"] = runtime.Api(BuildPath(build));
        json["web_url"] = webUrl;
        json["log_url"] = runtime.Api(jobPath + "/log");
        json["raw_log_url"] = runtime.Api(jobPath + "/log.txt");
        json["artifacts_url"] = runtime.Api(jobPath + "/artifacts");
        json["command"] = job.Command;
        json["soft_failed"] = job.SoftFailed;
        json["exit_status"] = job.ExitStatus;
        json["artifact_paths"] = "";
        json["agent"] = job.Agent is { } agent
            ? new JsonObject
            {
                ["id"] = BuildkiteState.DeterministicId("agent:" + agent),
                ["url"] = runtime.Api($"organizations/{build.Organization}/agents/{BuildkiteState.DeterministicId("agent:" + agent)}"),
                ["name"] = agent,
                ["connection_state"] = "connected",
                ["hostname"] = agent + ".ci.internal",
            }
            : null;
        json["created_at"] = Time(job.CreatedAt);
        json["scheduled_at"] = Time(job.ScheduledAt);
        json["runnable_at"] = Time(job.ScheduledAt);
        json["started_at"] = Time(job.StartedAt);
        json["finished_at"] = Time(job.FinishedAt);
        json["retried"] = job.Retried;
        json["retried_in_job_id"] = job.RetriedInJobId;
        json["retries_count"] = job.RetriesCount;
        json["retry_source"] = job.RetrySourceJobId is { } source ? new JsonObject { ["job_id"] = source, ["retry_type"] = "manual" } : null;
        json["retry_type"] = job.RetrySourceJobId is null ? null : "manual";
        json["parallel_group_index"] = null;
        json["parallel_group_total"] = null;
        json["matrix"] = null;
        json["cluster_id"] = null;
        return json;
    }

    public static JsonObject Step(BuildkiteStep step) => step switch
    {
        BuildkiteStep.CommandStep command => new JsonObject
        {
            ["type"] = "script", ["name"] = command.Label, ["command"] = command.CommandLine, ["key"] = command.Key, ["artifact_paths"] = null,
            ["branch_configuration"] = null, ["env"] = new JsonObject(), ["timeout_in_minutes"] = null, ["agent_query_rules"] = new JsonArray(),
        },
        BuildkiteStep.BlockStep block => new JsonObject { ["type"] = "manual", ["label"] = block.Label, ["key"] = block.Key },
        _ => new JsonObject { ["type"] = "waiter" },
    };

    public static JsonObject Message(string message) => new() { ["message"] = message };

    /// <summary>Buildkite writes times in UTC with milliseconds, like <c>2015-05-09T21:05:59.874Z</c>.</summary>
    public static string? Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string BuildPath(BuildkiteBuild build) => $"organizations/{build.Organization}/pipelines/{build.Pipeline}/builds/{build.Number}";

    private static JsonObject Strings(IReadOnlyDictionary<string, string> values) =>
        new([.. values.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))]);

    private static string GraphQlId(string type, string id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}---{id}"));
}
