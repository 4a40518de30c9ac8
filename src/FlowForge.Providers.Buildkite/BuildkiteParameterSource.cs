using System.Security.Cryptography;
using System.Text;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Buildkite.Dtos;

namespace FlowForge.Providers.Buildkite;

/// <summary>
/// What a Buildkite build can be started with. Buildkite declares no parameters: a build takes a branch (the
/// trigger's ref), a commit, a message, a clean-checkout flag and free-form environment variables and meta-data. The
/// provider contract knows only named parameters, so FlowForge offers the fixed ones and one <c>env.NAME</c> parameter
/// per environment variable the pipeline itself defines (defaulting to the pipeline's value). Meta-data and other
/// variables would need free-form key/value parameters in the contract.
/// </summary>
internal sealed class BuildkiteParameterSource(BuildkiteApiClient client) : IParameterSource
{
    public const string Commit = "commit";
    public const string Message = "message";
    public const string CleanCheckout = "clean_checkout";

    /// <summary>What Buildkite builds when no commit is named: the tip of the branch.</summary>
    public const string DefaultCommit = "HEAD";

    /// <summary>Reads the pipeline (its default branch and environment) and describes what a build of it takes.</summary>
    public async Task<PipelineParameters> GetParametersAsync(Pipeline pipeline, string? gitRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var found = await client.GetPipelineAsync(pipeline.Key.NativeId, cancellationToken);
        return Describe(found, string.IsNullOrWhiteSpace(gitRef) ? pipeline.DefaultBranch ?? found.DefaultBranch : gitRef);
    }

    /// <summary>The parameters of <paramref name="pipeline"/> at <paramref name="gitRef"/> (its default branch when null).</summary>
    public static PipelineParameters Describe(PipelineDto pipeline, string? gitRef)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var branch = !string.IsNullOrWhiteSpace(gitRef)
            ? gitRef.Trim()
            : pipeline.DefaultBranch
                ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"Buildkite did not tell the default branch of pipeline '{pipeline.Slug}'; name a branch.");
        var env = (pipeline.Env ?? new Dictionary<string, System.Text.Json.JsonElement>())
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => (Name: pair.Key, Value: BuildkiteMapper.Text(pair.Value)))
            .ToList();
        List<TriggerParameter> parameters =
        [
            new(Commit, "Commit", "The commit, tag or ref to build; HEAD builds the tip of the branch.", TriggerParameterType.String, [], DefaultCommit, Required: true),
            new(Message, "Message", "The build's message; empty uses the commit's.", TriggerParameterType.String, [], null, Required: false),
            new(CleanCheckout, "Clean checkout", "Remove the agent's build directory and check out afresh.", TriggerParameterType.Boolean, [], "false", Required: false),
            .. env.Select(variable => new TriggerParameter(
                BuildkiteMapper.EnvPrefix + variable.Name,
                variable.Name,
                $"The build's {variable.Name} environment variable; the pipeline sets it to '{variable.Value}'.",
                TriggerParameterType.String,
                [],
                variable.Value,
                Required: false)),
        ];
        var revision = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', env.Select(variable => $"{variable.Name}={variable.Value}")))))[..16];
        return new PipelineParameters(branch, CanTrigger: pipeline.ArchivedAt is null, pipeline.ArchivedAt is null ? null : "The pipeline is archived.", parameters, revision);
    }

    /// <summary>
    /// The create-build body for exactly the given values: <c>commit</c> defaults to <c>HEAD</c> (Buildkite requires
    /// one), everything else is sent only when given.
    /// </summary>
    public static CreateBuildDto ToCreateBuild(TriggerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Parameters;
        var unknown = values.Keys.Where(name => name is not (Commit or Message or CleanCheckout) && !IsEnv(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ProviderException(ProviderErrorKind.NotSupported, $"Buildkite builds take no parameter {string.Join(", ", unknown.Select(name => $"'{name}'"))}.");
        }

        var env = values.Where(pair => IsEnv(pair.Key)).ToDictionary(pair => pair.Key[BuildkiteMapper.EnvPrefix.Length..], pair => pair.Value, StringComparer.Ordinal);
        return new CreateBuildDto(
            values.GetValueOrDefault(Commit) is { Length: > 0 } commit ? commit : DefaultCommit,
            ShortRef(request.Ref),
            values.GetValueOrDefault(Message) is { Length: > 0 } message ? message : null,
            values.TryGetValue(CleanCheckout, out var clean) ? bool.TryParse(clean, out var flag) && flag : null,
            env.Count > 0 ? env : null);
    }

    private static bool IsEnv(string name) => name.StartsWith(BuildkiteMapper.EnvPrefix, StringComparison.Ordinal) && name.Length > BuildkiteMapper.EnvPrefix.Length;

    /// <summary>Buildkite wants a branch name: <c>refs/heads/main</c> → <c>main</c>.</summary>
    private static string ShortRef(string gitRef) =>
        gitRef.StartsWith("refs/heads/", StringComparison.Ordinal) ? gitRef["refs/heads/".Length..] : gitRef;
}
