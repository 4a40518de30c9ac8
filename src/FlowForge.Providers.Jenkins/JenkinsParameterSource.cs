using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Jenkins.Dtos;

namespace FlowForge.Providers.Jenkins;

/// <summary>
/// Trigger parameters from the job's parameter definitions (<c>hudson.model.ParametersDefinitionProperty</c>): string,
/// text, boolean, choice and password (a secret). Jenkins jobs take no ref: a multibranch project has one job per branch,
/// and any other job builds what its configuration says.
/// </summary>
internal sealed class JenkinsParameterSource(JenkinsApiClient client) : IParameterSource
{
    /// <summary>Bounds what one connection remembers about which jobs take parameters; past it, it starts over.</summary>
    private const int Capacity = 4096;

    private readonly ConcurrentDictionary<PipelineKey, bool> _parameterized = new();

    public async Task<PipelineParameters> GetParametersAsync(Pipeline pipeline, string? gitRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var effectiveRef = RefOf(pipeline, gitRef);
        var job = await client.GetJsonAsync(JenkinsPaths.JobPath(pipeline.Repository), JenkinsTree.Parameters, JenkinsJsonContext.Default.JobParametersDto, cancellationToken);
        var definitions = Definitions(job);
        Remember(pipeline.Key, definitions.Count > 0);
        var canTrigger = job.Buildable != false;
        return new PipelineParameters(
            effectiveRef,
            canTrigger,
            canTrigger ? null : "The job is disabled in Jenkins, so it cannot be started.",
            [.. definitions.Select(Map).OfType<TriggerParameter>()],
            Revision(definitions));
    }

    /// <summary>Whether the job takes parameters, which decides between <c>build</c> and <c>buildWithParameters</c>.</summary>
    public async Task<bool> IsParameterizedAsync(Pipeline pipeline, CancellationToken cancellationToken)
    {
        if (_parameterized.TryGetValue(pipeline.Key, out var known))
        {
            return known;
        }

        var job = await client.GetJsonAsync(JenkinsPaths.JobPath(pipeline.Repository), JenkinsTree.Parameters, JenkinsJsonContext.Default.JobParametersDto, cancellationToken);
        var parameterized = Definitions(job).Count > 0;
        Remember(pipeline.Key, parameterized);
        return parameterized;
    }

    /// <summary>The definitions of the job's property; older Jenkins versions listed the same object among its actions.</summary>
    private static List<ParameterDefinitionDto> Definitions(JobParametersDto job)
    {
        var fromProperty = (job.Property ?? []).OfType<PropertyDto>().SelectMany(property => property.ParameterDefinitions?.OfType<ParameterDefinitionDto>() ?? []);
        var fromActions = (job.Actions ?? []).OfType<ActionDto>().SelectMany(action => action.ParameterDefinitions?.OfType<ParameterDefinitionDto>() ?? []);
        var definitions = fromProperty.ToList();
        return [.. (definitions.Count > 0 ? definitions : fromActions).DistinctBy(definition => definition.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A definition as a trigger parameter; Jenkins parameters are never required (a missing value takes the default).
    /// A file parameter cannot be sent as a form field and is left out (Jenkins then starts without the file).
    /// </summary>
    private static TriggerParameter? Map(ParameterDefinitionDto definition)
    {
        var type = definition.Type ?? definition.Class?[(definition.Class.LastIndexOf('.') + 1)..] ?? "";
        var value = JenkinsMapper.ParameterText(definition.DefaultParameterValue?.Value);
        var description = string.IsNullOrWhiteSpace(definition.Description) ? null : definition.Description;
        return type switch
        {
            "BooleanParameterDefinition" => new TriggerParameter(definition.Name, null, description, TriggerParameterType.Boolean, [], value ?? "false", Required: false),
            "ChoiceParameterDefinition" => new TriggerParameter(
                definition.Name, null, description, TriggerParameterType.Choice, definition.Choices ?? [], value ?? (definition.Choices is { Count: > 0 } choices ? choices[0] : null), Required: false),
            // Jenkins never exports a password's default; left empty, the job's default applies.
            "PasswordParameterDefinition" => new TriggerParameter(definition.Name, null, description, TriggerParameterType.String, [], null, Required: false, IsSecret: true),
            "FileParameterDefinition" => null,
            _ => new TriggerParameter(definition.Name, null, description, TriggerParameterType.String, [], value, Required: false),
        };
    }

    /// <summary>The ref a trigger builds at: a multibranch job's own branch, or none ("").</summary>
    private static string RefOf(Pipeline pipeline, string? gitRef)
    {
        var branch = pipeline.DefaultBranch;
        if (string.IsNullOrWhiteSpace(gitRef))
        {
            return branch ?? "";
        }

        var asked = gitRef.Trim();
        asked = asked.StartsWith("refs/heads/", StringComparison.Ordinal) ? asked["refs/heads/".Length..] : asked;
        if (branch is not null && asked == branch)
        {
            return branch;
        }

        throw new ProviderException(
            ProviderErrorKind.NotFound,
            branch is null
                ? $"The Jenkins job '{pipeline.Name}' takes no branch or tag: it builds what its configuration says. Leave the ref empty."
                : $"The Jenkins job '{pipeline.Name}' builds branch '{branch}' only; start the job of '{asked}' in the same multibranch project instead.");
    }

    /// <summary>Changes whenever a definition does, so cached forms can tell they are stale.</summary>
    private static string? Revision(List<ParameterDefinitionDto> definitions) =>
        definitions.Count == 0
            ? null
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', definitions.Select(definition =>
                $"{definition.Name}\t{definition.Type}\t{JenkinsMapper.ParameterText(definition.DefaultParameterValue?.Value)}\t{string.Join('\u001f', definition.Choices ?? [])}\t{definition.Description}")))))[..16];

    private void Remember(PipelineKey key, bool parameterized)
    {
        if (_parameterized.Count >= Capacity)
        {
            _parameterized.Clear();
        }

        _parameterized[key] = parameterized;
    }
}
