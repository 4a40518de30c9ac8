namespace FlowForge.Emulators.GitHub;

/// <summary>What a new workflow run is made of.</summary>
/// <param name="HeadSha">Null generates a 40-hex sha.</param>
/// <param name="Jobs">Null gives one job <c>build</c> with the steps of <see cref="JobSpec.DefaultBuild"/>.</param>
public sealed record RunSpec(
    string Branch,
    string CommitMessage,
    string AuthorName,
    string AuthorEmail,
    string Actor,
    string Event = "push",
    string? HeadSha = null,
    IReadOnlyList<JobSpec>? Jobs = null);

/// <summary>A job of a run and the names of its steps, in order.</summary>
public sealed record JobSpec(string Name, IReadOnlyList<string> Steps)
{
    /// <summary>The job a run gets when its <see cref="RunSpec.Jobs"/> is null.</summary>
    public static JobSpec DefaultBuild { get; } =
        new("build", ["Set up job", "Run actions/checkout@v4", "Build", "Test", "Complete job"]);
}
