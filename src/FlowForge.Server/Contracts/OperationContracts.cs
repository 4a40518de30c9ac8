using System.ComponentModel;
using System.Text.Json;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Errors;

namespace FlowForge.Server.Contracts;

/// <param name="CanTrigger">False when the pipeline cannot be started by hand at this ref; see <paramref name="CannotTriggerReason"/>.</param>
/// <param name="Revision">Identifies the definition the parameters were read from (GitHub: the workflow file's sha).</param>
public sealed record ParametersResponse(string Ref, bool CanTrigger, string? CannotTriggerReason, IReadOnlyList<TriggerParameterResponse> Parameters, string? Revision)
{
    public static ParametersResponse From(PipelineParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new ParametersResponse(
            parameters.Ref,
            parameters.CanTrigger,
            parameters.CannotTriggerReason,
            [.. parameters.Parameters.Select(parameter => new TriggerParameterResponse(
                parameter.Name, parameter.Label, parameter.Description, JsonNaming.Camel(parameter.Type.ToString()),
                parameter.Options, parameter.IsSecret ? null : parameter.Default, parameter.Required, parameter.IsSecret))],
            parameters.Revision);
    }
}

/// <param name="Type">string, boolean, choice, number or environment.</param>
/// <param name="Secret">A secret value: shown masked, never echoed.</param>
public sealed record TriggerParameterResponse(
    string Name, string? Label, string? Description, string Type, IReadOnlyList<string> Options, string? Default, bool Required, bool Secret);

/// <param name="Parameters">Values by parameter name: strings, booleans or numbers. Parameters left out take their defaults.</param>
public sealed record TriggerRunRequest(
    [property: Description("Branch, tag or sha; the pipeline's default branch when left out.")] string? Ref,
    Dictionary<string, JsonElement>? Parameters)
{
    /// <summary>The values as text, the form providers take; anything but a scalar is refused.</summary>
    public IReadOnlyDictionary<string, string?> Values()
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in Parameters ?? [])
        {
            values[name] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => throw new ValidationFailedException($"parameters.{name}", "A parameter's value must be a string, a boolean or a number."),
            };
        }

        return values;
    }
}

/// <param name="RunId">The new run's id, once the provider told it; null when it is not known yet (it appears live when it is).</param>
/// <param name="RunKey">The run's path under /api/v1/pipelines: <c>{instance}/{pipeline}/runs/{run}</c>.</param>
public sealed record TriggerRunResponse(string? RunId, string? RunKey, Uri? WebUrl, RunResponse? Run);

/// <param name="Scope">all, failedJobs or job.</param>
/// <param name="JobId">With scope job: the job to re-run.</param>
public sealed record RerunRequest(string? Scope, string? JobId)
{
    public RerunScope ParsedScope() => Scope switch
    {
        null or "all" => RerunScope.All,
        "failedJobs" => RerunScope.FailedJobs,
        "job" => RerunScope.Job,
        _ => throw new ValidationFailedException("scope", "The scope must be all, failedJobs or job."),
    };
}

/// <param name="Force">Force-cancel a run stuck in cancelling, where the provider can.</param>
public sealed record CancelRequest(bool Force);

/// <summary>Values for a block step's fields, by key (Buildkite); a GitLab manual job takes none.</summary>
public sealed record UnblockRequest(Dictionary<string, string>? Fields);

/// <param name="UpstreamStatus">What the provider answered.</param>
/// <param name="Run">The run as read back right after the action.</param>
public sealed record RunActionResponse(string RunId, int UpstreamStatus, RunResponse? Run);
