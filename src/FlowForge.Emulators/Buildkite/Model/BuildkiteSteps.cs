namespace FlowForge.Emulators.Buildkite;

/// <summary>A step of an emulated pipeline: each becomes one job of every build.</summary>
public abstract record BuildkiteStep(string? Key)
{
    /// <summary>A command step: a <c>script</c> job that runs on an agent and has a log.</summary>
    /// <param name="softFail">A failure of this step is a soft failure (<c>soft_failed: true</c>), which does not fail the build.</param>
    public static BuildkiteStep Command(string label, string command, string? key = null, bool softFail = false) =>
        new CommandStep(label, command, key, softFail);

    /// <summary>A wait step: a <c>waiter</c> job; the steps after it start once everything before it passed.</summary>
    public static BuildkiteStep Wait(string? key = null) => new WaitStep(key);

    /// <summary>A block step: a <c>manual</c> job that stops the build (<c>blocked</c>) until someone unblocks it.</summary>
    public static BuildkiteStep Block(string label, string? key = null) => new BlockStep(label, key);

    /// <summary>What a pipeline gets when it names no steps: one command.</summary>
    public static IReadOnlyList<BuildkiteStep> Default { get; } = [Command(":hammer: Build and test", "make ci", "build")];

    public sealed record CommandStep(string Label, string CommandLine, string? Key, bool SoftFail) : BuildkiteStep(Key);

    public sealed record WaitStep(string? Key) : BuildkiteStep(Key);

    public sealed record BlockStep(string Label, string? Key) : BuildkiteStep(Key);
}

/// <summary>What a new build is made of.</summary>
/// <param name="Commit">Null generates a 40-hex sha; <c>HEAD</c> is kept as given, as Buildkite does for API builds.</param>
/// <param name="Source"><c>webhook</c> (a push), <c>api</c>, <c>ui</c>, <c>schedule</c> or <c>trigger_job</c>.</param>
/// <param name="Env">The build's environment variables.</param>
public sealed record BuildkiteBuildSpec(
    string Branch,
    string Message,
    string AuthorName,
    string AuthorEmail,
    string? Commit = null,
    string Source = "webhook",
    IReadOnlyDictionary<string, string>? Env = null,
    IReadOnlyDictionary<string, string>? MetaData = null);

/// <summary>The API user a token belongs to.</summary>
/// <param name="Scopes">The token's scopes; null grants every scope.</param>
/// <param name="Organizations">The organizations the token may access; null allows every one.</param>
public sealed record BuildkiteToken(string UserName, string UserEmail, IReadOnlyList<string>? Scopes = null, IReadOnlyList<string>? Organizations = null);
