using System.Globalization;
using System.Text.Json;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitLab.Dtos;

namespace FlowForge.Providers.GitLab;

/// <summary>
/// Trigger, retry, play and cancel: each one POST, sent once. GitLab answers a retry or a cancellation with the
/// pipeline as it is afterwards (a cancellation with 200 whatever the pipeline's state), so whether the action did
/// anything is read from that answer, not from a status code.
/// </summary>
internal sealed class GitLabRunActions(GitLabApiClient client, GitLabParameterSource parameters, GitLabMapper mapper) : IRunActions
{
    public const string AlreadyFinished = "The pipeline already finished, so it cannot be cancelled.";

    public const string NothingToRetry =
        "GitLab found no failed or canceled job to retry in this pipeline; it re-runs only those. Start a new pipeline on the ref to run everything again.";

    /// <summary>
    /// All and FailedJobs are both GitLab's pipeline retry, which re-runs the failed and canceled jobs and the jobs
    /// skipped because of them in the same pipeline; Job retries one job, or plays it when it is a manual job.
    /// </summary>
    public IReadOnlyList<RerunScope> RerunScopes { get; } = [RerunScope.All, RerunScope.FailedJobs, RerunScope.Job];

    /// <summary>
    /// <c>POST /projects/:id/pipeline</c> at the ref; each value goes where the CI file declares it: an input as a
    /// typed <c>inputs</c> value, anything else as an <c>env_var</c> variable.
    /// </summary>
    public async Task<TriggerResult> TriggerAsync(Pipeline pipeline, TriggerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var projectId = GitLabConnection.ParseId(pipeline.Key.NativeId, "project");
        var declaration = request.Parameters.Count == 0 ? CiDeclaration.None : await parameters.DeclarationAsync(pipeline, request.Ref, cancellationToken);
        var inputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var variables = new List<PipelineVariableDto>();
        foreach (var (name, value) in request.Parameters)
        {
            if (declaration.Find(name) is { IsInput: true } input)
            {
                inputs[name] = InputValue(input.InputType, value);
            }
            else
            {
                variables.Add(new PipelineVariableDto(name, value));
            }
        }

        var body = new CreatePipelineDto(request.Ref, variables.Count > 0 ? variables : null, inputs.Count > 0 ? inputs : null);
        var (status, created) = await client.CreatePipelineAsync(projectId, body, cancellationToken);
        return new TriggerResult(Id(created.Id), GitLabMapper.ToUri(created.WebUrl), (int)status);
    }

    /// <summary>
    /// <c>POST /projects/:id/jobs/:job_id/play</c>: a manual job starts (<see cref="IJobUnblocker"/>). GitLab's manual
    /// job variables are not offered, so values for fields are refused rather than dropped.
    /// </summary>
    public async Task<ActionResult> PlayAsync(Pipeline pipeline, Run run, Job job, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count > 0)
        {
            throw new ProviderException(ProviderErrorKind.NotSupported, "A GitLab manual job is played as it is: FlowForge sends no values with it.");
        }

        var (projectId, _) = Ids(pipeline, run);
        var jobId = GitLabConnection.ParseId(job.NativeId, "job");
        return new ActionResult((int)await client.PostJobActionAsync(projectId, jobId, "play", cancellationToken), run.NativeId);
    }

    public async Task<ActionResult> RerunAsync(Pipeline pipeline, Run run, RerunScope scope, string? jobNativeId, CancellationToken cancellationToken)
    {
        var (projectId, pipelineId) = Ids(pipeline, run);
        switch (scope)
        {
            case RerunScope.All or RerunScope.FailedJobs:
                var (status, retried) = await client.PostPipelineActionAsync(projectId, pipelineId, "retry", cancellationToken);
                if (!mapper.MapStatus(retried.Status).IsActive())
                {
                    throw new ProviderException(ProviderErrorKind.NotSupported, NothingToRetry) { UpstreamStatusCode = (int)status };
                }

                return new ActionResult((int)status, run.NativeId);
            case RerunScope.Job:
                var jobId = string.IsNullOrWhiteSpace(jobNativeId)
                    ? throw new ArgumentException("Re-running one job needs the job's id.", nameof(jobNativeId))
                    : GitLabConnection.ParseId(jobNativeId, "job");

                // A manual job has never run: GitLab plays it rather than retrying it.
                var job = await client.GetJobAsync(projectId, jobId, cancellationToken);
                var action = job.Status == "manual" ? "play" : "retry";
                return new ActionResult((int)await client.PostJobActionAsync(projectId, jobId, action, cancellationToken), run.NativeId);
            default:
                throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown re-run scope.");
        }
    }

    /// <summary>
    /// <c>POST …/pipelines/:id/cancel</c>. GitLab has no pipeline-wide force: <paramref name="force"/> sends the same
    /// cancellation (force-cancelling single jobs stuck in <c>canceling</c> needs the Maintainer role, per job).
    /// </summary>
    public async Task<ActionResult> CancelAsync(Pipeline pipeline, Run run, bool force, CancellationToken cancellationToken)
    {
        var (projectId, pipelineId) = Ids(pipeline, run);
        var (status, after) = await client.PostPipelineActionAsync(projectId, pipelineId, "cancel", cancellationToken);
        var state = mapper.MapStatus(after.Status);
        if (state.IsFinished() && state != RunStatus.Cancelled)
        {
            throw new ProviderException(ProviderErrorKind.NotSupported, AlreadyFinished) { UpstreamStatusCode = (int)status };
        }

        return new ActionResult((int)status, run.NativeId);
    }

    /// <summary>An input's value with its declared type: GitLab refuses <c>"3"</c> for a number input.</summary>
    internal static JsonElement InputValue(CiInputType type, string value)
    {
        switch (type)
        {
            case CiInputType.Boolean when bool.TryParse(value, out var flag):
                return JsonSerializer.SerializeToElement(flag, InputJson.Default.Boolean);
            case CiInputType.Number when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _):
                using (var number = JsonDocument.Parse(value.Trim()))
                {
                    return number.RootElement.Clone();
                }

            case CiInputType.Array:
                return ArrayValue(value);
            default:
                // A value of the wrong shape goes as text: GitLab's own check then names the input.
                return JsonSerializer.SerializeToElement(value, InputJson.Default.String);
        }
    }

    private static JsonElement ArrayValue(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            // Not JSON: a comma-separated list.
        }

        string[] items = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        return JsonSerializer.SerializeToElement(items, InputJson.Default.StringArray);
    }

    private static (long Project, long Pipeline) Ids(Pipeline pipeline, Run run)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(run);
        if (run.Pipeline != pipeline.Key)
        {
            throw new ProviderException(ProviderErrorKind.NotFound, $"Run {run.NativeId} belongs to {run.Pipeline}, not to '{pipeline.Name}' ({pipeline.Key}).");
        }

        return (GitLabConnection.ParseId(pipeline.Key.NativeId, "project"), GitLabConnection.ParseId(run.NativeId, "pipeline"));
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
