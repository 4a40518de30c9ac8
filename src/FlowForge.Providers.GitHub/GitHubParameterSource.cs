using System.Collections.Concurrent;
using System.Text;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitHub.Dtos;

namespace FlowForge.Providers.GitHub;

/// <summary>
/// Trigger-parameter discovery: no REST endpoint lists <c>workflow_dispatch</c> inputs, so the workflow file is read
/// at the ref through the contents API (a conditional request: unchanged, it is a free 304) and parsed by
/// <see cref="GitHubWorkflowFile"/>. Parsed results are kept per pipeline, ref and file sha, so a file is parsed once
/// per version however often the form is opened.
/// </summary>
internal sealed class GitHubParameterSource(GitHubApiClient client) : IParameterSource
{
    /// <summary>Bounds the parsed results one connection keeps; past it, the cache starts over.</summary>
    private const int Capacity = 1024;

    /// <summary>The path prefix of GitHub-managed workflows (default CodeQL set-up, Dependabot), which have no file.</summary>
    private const string DynamicPrefix = "dynamic/";

    private readonly ConcurrentDictionary<(string Pipeline, string Ref, string Sha), PipelineParameters> _parsed = new();
    private int _filesParsed;

    /// <summary>How many workflow files were parsed (for tests: a cached answer parses nothing).</summary>
    public int FilesParsed => Volatile.Read(ref _filesParsed);

    public async Task<PipelineParameters> GetParametersAsync(Pipeline pipeline, string? gitRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var workflowId = GitHubConnection.ParseId(pipeline.Key.NativeId, "workflow");
        var effectiveRef = !string.IsNullOrWhiteSpace(gitRef)
            ? gitRef.Trim()
            : pipeline.DefaultBranch ?? (await client.GetRepositoryAsync(pipeline.Repository, cancellationToken)).DefaultBranch
                ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"GitHub did not tell the default branch of {pipeline.Repository}.");
        var path = pipeline.FilePath ?? (await client.GetWorkflowAsync(pipeline.Repository, workflowId, cancellationToken)).Path;
        if (path.StartsWith(DynamicPrefix, StringComparison.Ordinal))
        {
            return new PipelineParameters(
                effectiveRef, false, "This workflow is managed by GitHub and has no workflow file, so it cannot be started by hand.", [], null);
        }

        var file = await client.GetFileAsync(pipeline.Repository, path, effectiveRef, cancellationToken);
        var key = (pipeline.Key.ToString(), effectiveRef, file.Sha);
        if (_parsed.TryGetValue(key, out var known))
        {
            return known;
        }

        var description = $"{path} at {effectiveRef}";
        var info = GitHubWorkflowFile.Parse(Decode(file, description), description);
        Interlocked.Increment(ref _filesParsed);
        var parameters = new PipelineParameters(effectiveRef, info.CanTrigger, info.CannotTriggerReason, info.Parameters, file.Sha);
        if (_parsed.Count >= Capacity)
        {
            _parsed.Clear();
        }

        _parsed[key] = parameters;
        return parameters;
    }

    private static string Decode(ContentFileDto file, string description)
    {
        if (!string.Equals(file.Type, "file", StringComparison.Ordinal))
        {
            throw new ProviderException(ProviderErrorKind.BadResponse, $"The workflow path {description} is a {file.Type}, not a file.");
        }

        if (!string.Equals(file.Encoding, "base64", StringComparison.OrdinalIgnoreCase) || file.Content is null)
        {
            throw new ProviderException(
                ProviderErrorKind.BadResponse,
                $"GitHub sent the workflow file {description} without its content (encoding '{file.Encoding}'); files over 1 MB are not served inline.");
        }

        try
        {
            // GitHub wraps the base64 at 60 characters with '\n'.
            var base64 = file.Content.Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(base64));
        }
        catch (Exception exception) when (exception is FormatException or DecoderFallbackException)
        {
            throw new ProviderException(ProviderErrorKind.BadResponse, $"GitHub sent the workflow file {description} in an encoding FlowForge cannot read.", exception);
        }
    }
}
