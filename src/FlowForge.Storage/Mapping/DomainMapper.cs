using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Storage.Entities;
using FlowForge.Storage.Json;
using static FlowForge.Storage.Conversions.UnixMillisecondsConverter;

namespace FlowForge.Storage.Mapping;

/// <summary>
/// Between the domain records and the entities. <c>Apply</c> methods write a record onto an entity in the
/// exact form the store reads back (times in whole UTC milliseconds, JSON in canonical order), so applying
/// what is already stored leaves every property equal and the change tracker finds nothing to save.
/// </summary>
internal static class DomainMapper
{
    public static ProviderInstance ToDomain(InstanceEntity entity) => new(
        entity.Id,
        entity.Kind,
        entity.DisplayName,
        StorageJson.ReadDictionary(entity.SettingsJson),
        StorageJson.ReadDictionary(entity.SecretReferencesJson),
        TimeSpan.FromSeconds(entity.RefreshIntervalSeconds),
        new WatchSelection(entity.WatchAll, StorageJson.ReadList(entity.WatchedSourcesJson)),
        entity.CreatedAt,
        entity.UpdatedAt)
    {
        SecretsChangedAt = StorageJson.ReadDictionary(entity.SecretsChangedAtJson).ToDictionary(
            pair => pair.Key,
            pair => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(pair.Value, CultureInfo.InvariantCulture)),
            StringComparer.Ordinal),
    };

    /// <summary>Writes an instance's configuration (not its health).</summary>
    public static void Apply(InstanceEntity entity, ProviderInstance instance)
    {
        entity.Id = instance.Id;
        entity.Kind = instance.Kind;
        entity.DisplayName = instance.DisplayName;
        entity.SettingsJson = StorageJson.Write(instance.Settings);
        entity.SecretReferencesJson = StorageJson.Write(instance.SecretReferences);
        entity.SecretsChangedAtJson = StorageJson.Write(instance.SecretsChangedAt.ToDictionary(
            pair => pair.Key, pair => pair.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal));
        entity.RefreshIntervalSeconds = instance.RefreshInterval.Ticks / TimeSpan.TicksPerSecond;
        entity.WatchAll = instance.Watch.All;
        entity.WatchedSourcesJson = StorageJson.Write(instance.Watch.Sources);
        entity.CreatedAt = Normalize(instance.CreatedAt);
        entity.UpdatedAt = Normalize(instance.UpdatedAt);
    }

    public static InstanceHealth HealthOf(InstanceEntity entity)
    {
        var state = Enum.TryParse<HealthState>(entity.HealthState, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : HealthState.Pending;
        ProviderErrorKind? kind = Enum.TryParse<ProviderErrorKind>(entity.LastErrorKind, ignoreCase: false, out var parsedKind) && Enum.IsDefined(parsedKind)
            ? parsedKind
            : null;
        var rateLimit = entity.RateLimitObservedAt is { } observedAt
            ? new RateLimitSnapshot(entity.RateLimitLimit ?? 0, entity.RateLimitRemaining ?? 0, entity.RateLimitResetsAt, entity.RateLimitResource, observedAt)
            : null;
        return new InstanceHealth(state, entity.LastSyncAt, entity.LastSuccessAt, entity.LastError, kind, entity.ConsecutiveFailures, rateLimit);
    }

    public static void Apply(InstanceEntity entity, InstanceHealth health)
    {
        entity.HealthState = health.State.ToString();
        entity.LastSyncAt = Normalize(health.LastSyncAt);
        entity.LastSuccessAt = Normalize(health.LastSuccessAt);
        entity.LastError = health.LastError;
        entity.LastErrorKind = health.LastErrorKind?.ToString();
        entity.ConsecutiveFailures = health.ConsecutiveFailures;
        entity.RateLimitLimit = health.RateLimit?.Limit;
        entity.RateLimitRemaining = health.RateLimit?.Remaining;
        entity.RateLimitResetsAt = Normalize(health.RateLimit?.ResetsAt);
        entity.RateLimitResource = health.RateLimit?.Resource;
        entity.RateLimitObservedAt = Normalize(health.RateLimit?.ObservedAt);
    }

    public static Pipeline ToDomain(PipelineEntity entity) => new(
        new PipelineKey(entity.InstanceId, entity.NativeId),
        entity.Name,
        entity.Repository,
        entity.DefaultBranch,
        ToUri(entity.WebUrl),
        entity.FilePath,
        StorageJson.ReadDictionary(entity.ExtrasJson));

    public static void Apply(PipelineEntity entity, Pipeline pipeline)
    {
        entity.InstanceId = pipeline.Key.InstanceId;
        entity.NativeId = pipeline.Key.NativeId;
        entity.Name = pipeline.Name;
        entity.Repository = pipeline.Repository;
        entity.DefaultBranch = pipeline.DefaultBranch;
        entity.WebUrl = ToText(pipeline.WebUrl);
        entity.FilePath = pipeline.FilePath;
        entity.ExtrasJson = StorageJson.Write(pipeline.Extras);
    }

    public static Run ToDomain(RunEntity entity, string pipelineNativeId) => new(
        new PipelineKey(entity.InstanceId, pipelineNativeId),
        entity.NativeId,
        entity.Number,
        entity.Attempt,
        entity.Status,
        entity.ProviderStatus,
        entity.Title,
        entity.Event,
        entity.Actor,
        entity.Branch,
        entity.CommitSha is null ? null : new CommitInfo(entity.CommitSha, entity.CommitMessage, entity.CommitAuthorName, entity.CommitAuthorEmail),
        entity.CreatedAt,
        entity.StartedAt,
        entity.FinishedAt,
        entity.UpdatedAt,
        ToUri(entity.WebUrl),
        StorageJson.ReadDictionary(entity.ParametersJson));

    public static void Apply(RunEntity entity, Run run, long pipelineId)
    {
        entity.PipelineId = pipelineId;
        entity.InstanceId = run.Pipeline.InstanceId;
        entity.NativeId = run.NativeId;
        entity.Number = run.Number;
        entity.Attempt = run.Attempt;
        entity.Status = run.Status;
        entity.ProviderStatus = run.ProviderStatus;
        entity.Title = run.Title;
        entity.Event = run.Event;
        entity.Actor = run.Actor;
        entity.Branch = run.Branch;
        entity.CommitSha = run.Commit?.Sha;
        entity.CommitMessage = run.Commit?.Message;
        entity.CommitAuthorName = run.Commit?.AuthorName;
        entity.CommitAuthorEmail = run.Commit?.AuthorEmail;
        entity.CreatedAt = Normalize(run.CreatedAt);
        entity.StartedAt = Normalize(run.StartedAt);
        entity.FinishedAt = Normalize(run.FinishedAt);
        entity.UpdatedAt = Normalize(run.UpdatedAt);
        entity.WebUrl = ToText(run.WebUrl);

        // Most providers do not report the values a run was started with; FlowForge records them when it starts
        // the run, and a later poll that reports none must not wipe them.
        if (run.Parameters.Count > 0)
        {
            entity.ParametersJson = StorageJson.Write(run.Parameters);
        }
    }

    public static Job ToDomain(JobEntity entity) => new(
        entity.NativeId,
        entity.Name,
        entity.Status,
        entity.ProviderStatus,
        entity.Stage,
        entity.Runner,
        entity.StartedAt,
        entity.FinishedAt,
        ToUri(entity.WebUrl),
        [.. entity.Steps.OrderBy(step => step.Number).Select(ToDomain)]);

    /// <summary>Writes a job's own fields (not its steps).</summary>
    public static void Apply(JobEntity entity, Job job, int ordinal)
    {
        entity.NativeId = job.NativeId;
        entity.Ordinal = ordinal;
        entity.Name = job.Name;
        entity.Status = job.Status;
        entity.ProviderStatus = job.ProviderStatus;
        entity.Stage = job.Stage;
        entity.Runner = job.Runner;
        entity.StartedAt = Normalize(job.StartedAt);
        entity.FinishedAt = Normalize(job.FinishedAt);
        entity.WebUrl = ToText(job.WebUrl);
    }

    public static Step ToDomain(StepEntity entity) =>
        new(entity.Number, entity.Name, entity.Status, entity.StartedAt, entity.FinishedAt);

    public static void Apply(StepEntity entity, Step step)
    {
        entity.Number = step.Number;
        entity.Name = step.Name;
        entity.Status = step.Status;
        entity.StartedAt = Normalize(step.StartedAt);
        entity.FinishedAt = Normalize(step.FinishedAt);
    }

    private static string? ToText(Uri? uri) => uri is null ? null : uri.IsAbsoluteUri ? uri.AbsoluteUri : uri.OriginalString;

    private static Uri? ToUri(string? text) =>
        text is not null && Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var uri) ? uri : null;
}
