using System.Collections.Concurrent;
using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;

namespace FlowForge.Providers.GitLab;

/// <summary>
/// Trigger-parameter discovery: GitLab has no REST endpoint that lists a pipeline's inputs, so the project's CI file is
/// read at the ref (<c>GET …/repository/files/:path/raw?ref=</c>) and parsed by <see cref="GitLabCiFile"/>. A file is
/// parsed once per content (its blob id), however often the form is opened; the latest answer per ref is kept a
/// little while, so the trigger that follows the form knows which values are inputs and which are variables without
/// reading the file again.
/// </summary>
internal sealed class GitLabParameterSource(GitLabApiClient client, TimeProvider time) : IParameterSource
{
    /// <summary>Bounds what one connection keeps; past it, the caches start over.</summary>
    private const int Capacity = 1024;

    private readonly ConcurrentDictionary<(string Pipeline, string Revision), CiDeclaration> _parsed = new();
    private readonly ConcurrentDictionary<(string Pipeline, string Ref), (CiDeclaration Declaration, DateTimeOffset ReadAt)> _latest = new();
    private int _filesParsed;

    /// <summary>How long a ref's declaration is trusted for a trigger without reading the file again.</summary>
    public static TimeSpan TriggerReuseWindow { get; } = TimeSpan.FromMinutes(2);

    /// <summary>How many CI files were parsed (for tests: a cached answer parses nothing).</summary>
    public int FilesParsed => Volatile.Read(ref _filesParsed);

    public async Task<PipelineParameters> GetParametersAsync(Pipeline pipeline, string? gitRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var effectiveRef = await RefAsync(pipeline, gitRef, cancellationToken);
        var (declaration, revision) = await ReadAsync(pipeline, effectiveRef, cancellationToken);
        return new PipelineParameters(effectiveRef, true, null, [.. declaration.Parameters.Select(parameter => parameter.Parameter)], revision);
    }

    /// <summary>The declaration a trigger at <paramref name="gitRef"/> goes by: the one just discovered, or read again.</summary>
    public async Task<CiDeclaration> DeclarationAsync(Pipeline pipeline, string gitRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (_latest.TryGetValue((pipeline.Key.ToString(), gitRef), out var latest) && time.GetUtcNow() - latest.ReadAt <= TriggerReuseWindow)
        {
            return latest.Declaration;
        }

        return (await ReadAsync(pipeline, gitRef, cancellationToken)).Declaration;
    }

    private async Task<(CiDeclaration Declaration, string? Revision)> ReadAsync(Pipeline pipeline, string gitRef, CancellationToken cancellationToken)
    {
        var path = pipeline.FilePath ?? GitLabCiFile.DefaultPath;
        if (GitLabCiFile.IsExternal(path))
        {
            // A configuration in another project or at a URL: GitLab runs it, but its parameters cannot be read here.
            return (CiDeclaration.None, null);
        }

        var projectId = GitLabConnection.ParseId(pipeline.Key.NativeId, "project");
        var (text, revision) = await client.GetFileAsync(projectId, path, gitRef, cancellationToken);
        var key = pipeline.Key.ToString();
        if (!_parsed.TryGetValue((key, revision), out var declaration))
        {
            declaration = GitLabCiFile.Parse(text, $"{path} at {gitRef}");
            Interlocked.Increment(ref _filesParsed);
            Keep(_parsed, (key, revision), declaration);
        }

        Keep(_latest, (key, gitRef), (declaration, time.GetUtcNow()));
        return (declaration, revision);
    }

    private async Task<string> RefAsync(Pipeline pipeline, string? gitRef, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(gitRef))
        {
            return gitRef.Trim();
        }

        return pipeline.DefaultBranch
            ?? (await client.GetProjectAsync(GitLabConnection.ParseId(pipeline.Key.NativeId, "project").ToString(CultureInfo.InvariantCulture), cancellationToken)).DefaultBranch
            ?? throw new ProviderException(ProviderErrorKind.NotFound, $"{pipeline.Repository} has no default branch (an empty repository); name a branch or tag.");
    }

    private static void Keep<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, TKey key, TValue value)
        where TKey : notnull
    {
        if (cache.Count >= Capacity)
        {
            cache.Clear();
        }

        cache[key] = value;
    }
}
