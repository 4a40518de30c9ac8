using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;

namespace FlowForge.Storage.Tests.Infrastructure;

/// <summary>Domain records for tests, with every field set and times in whole UTC milliseconds.</summary>
internal static class Sample
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static ProviderInstance Instance(string id = "acme") => new(
        id,
        "github",
        $"GitHub ({id})",
        new Dictionary<string, string> { ["owners"] = id, ["baseUrl"] = "https://api.github.com" },
        new Dictionary<string, string> { ["token"] = $"env:{id.ToUpperInvariant()}_TOKEN" },
        TimeSpan.FromSeconds(60),
        new WatchSelection(false, [$"{id}/api", $"{id}/web"]),
        T0,
        T0.AddMinutes(1));

    public static Pipeline Pipeline(string instanceId, string nativeId, string? name = null) => new(
        new PipelineKey(instanceId, nativeId),
        name ?? $"CI {nativeId}",
        $"{instanceId}/repo-{nativeId}",
        "main",
        new Uri($"https://github.com/{instanceId}/repo-{nativeId}/actions/workflows/{nativeId}.yml"),
        $".github/workflows/{nativeId}.yml",
        new Dictionary<string, string> { ["workflowId"] = nativeId, ["owner"] = instanceId });

    public static Run Run(
        PipelineKey pipeline,
        string nativeId,
        long number,
        RunStatus status = RunStatus.Succeeded,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? updatedAt = null,
        string branch = "main")
    {
        var created = createdAt ?? T0.AddMinutes(number);
        var finished = status.IsFinished() ? created.AddMinutes(5) : (DateTimeOffset?)null;
        return new Run(
            pipeline,
            nativeId,
            number,
            1,
            status,
            status.ToString().ToLowerInvariant(),
            $"Run {number}",
            "push",
            "octocat",
            branch,
            new CommitInfo($"sha{number:D4}", $"Commit {number}", "Mona", "mona@example.com"),
            created,
            created.AddSeconds(10),
            finished,
            updatedAt ?? finished ?? created.AddSeconds(10),
            new Uri($"https://github.com/{pipeline.InstanceId}/runs/{nativeId}"),
            new Dictionary<string, string> { ["env"] = "prod" });
    }

    public static Job Job(string nativeId, string name, RunStatus status, params Step[] steps) => new(
        nativeId,
        name,
        status,
        status.ToString().ToLowerInvariant(),
        "build",
        "ubuntu-latest",
        T0,
        status.IsFinished() ? T0.AddMinutes(2) : null,
        new Uri($"https://github.com/acme/jobs/{nativeId}"),
        steps);

    public static Step Step(int number, string name, RunStatus status = RunStatus.Succeeded) =>
        new(number, name, status, T0.AddSeconds(number), status.IsFinished() ? T0.AddSeconds(number + 1) : null);

    public static InstanceHealth Health() => new(
        HealthState.Unhealthy,
        T0.AddMinutes(10),
        T0.AddMinutes(5),
        "GitHub answered 503.",
        ProviderErrorKind.Unavailable,
        3,
        new RateLimitSnapshot(5000, 4321, T0.AddHours(1), "core", T0.AddMinutes(10)));
}
