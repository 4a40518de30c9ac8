namespace FlowForge.Emulators.Jenkins;

/// <summary>A folder, multibranch project or job as the emulator holds it.</summary>
/// <param name="Class">Its <c>_class</c>, as Jenkins sends it.</param>
/// <param name="Branch">For a multibranch project's job: the branch it builds (its name is the branch, percent-encoded).</param>
/// <param name="NextBuildNumber">The number the job's next build will get; 0 for folders.</param>
public sealed record EmulatedItem(string FullName, string Name, string Class, string FullDisplayName, Uri Url, string? Branch, int NextBuildNumber);

/// <summary>A build, read-only.</summary>
/// <param name="Parameters">The values it ran with, as text (passwords included: the emulator knows them, the API never shows them).</param>
/// <param name="Stages">A Pipeline build's stages so far.</param>
public sealed record EmulatedBuild(
    string JobFullName,
    int Number,
    long QueueId,
    bool Building,
    string? Result,
    DateTimeOffset Timestamp,
    DateTimeOffset? FinishedAt,
    string CommitSha,
    string CommitMessage,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<EmulatedStage> Stages,
    string Log,
    Uri Url);

/// <param name="Id">The flow node id of the stage (<c>wfapi</c>'s <c>id</c>).</param>
/// <param name="Status">The Stage View's status: <c>IN_PROGRESS</c>, <c>SUCCESS</c>, <c>FAILED</c>, …</param>
public sealed record EmulatedStage(string Id, string Name, string Status);

/// <summary>A queue item.</summary>
/// <param name="State"><c>waiting</c> (quiet period), <c>blocked</c>, <c>buildable</c>, or <c>left</c> once it started or was cancelled.</param>
/// <param name="BuildNumber">The build it became, once it left the queue that way.</param>
public sealed record EmulatedQueueItem(long Id, string JobFullName, string State, int? BuildNumber, bool Cancelled, DateTimeOffset InQueueSince);

/// <summary>A build request the API accepted.</summary>
/// <param name="Endpoint"><c>build</c> or <c>buildWithParameters</c>.</param>
/// <param name="Parameters">The form and query fields exactly as received (without <c>delay</c>, <c>token</c> and <c>json</c>).</param>
/// <param name="QueueId">The queue item it made, or the one it was merged into.</param>
public sealed record EmulatedTrigger(DateTimeOffset At, string JobFullName, string Endpoint, string User, IReadOnlyDictionary<string, string> Parameters, long QueueId);
