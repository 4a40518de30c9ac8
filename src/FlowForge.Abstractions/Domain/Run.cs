namespace FlowForge.Abstractions.Domain;

/// <summary>The commit a run built.</summary>
public sealed record CommitInfo(string Sha, string? Message, string? AuthorName, string? AuthorEmail);

/// <summary>One execution of a pipeline.</summary>
/// <param name="NativeId">The provider's id for the run; unique within the provider instance.</param>
/// <param name="ProviderStatus">The provider's own status words, kept for display and for diagnosing mappings.</param>
/// <param name="Event">What triggered the run (push, schedule, workflow_dispatch, api, ...).</param>
/// <param name="CreatedAt">When the run was created (queued).</param>
/// <param name="UpdatedAt">The provider's last-change time of the run; how the sync engine tells a changed run.</param>
public sealed record Run(
    PipelineKey Pipeline,
    string NativeId,
    long Number,
    int Attempt,
    RunStatus Status,
    string ProviderStatus,
    string? Title,
    string? Event,
    string? Actor,
    string? Branch,
    CommitInfo? Commit,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? UpdatedAt,
    Uri? WebUrl,
    IReadOnlyDictionary<string, string> Parameters)
{
    public static IReadOnlyDictionary<string, string> NoParameters { get; } = new Dictionary<string, string>();

    public TimeSpan? Duration => StartedAt is { } start && FinishedAt is { } end ? end - start : null;
}
