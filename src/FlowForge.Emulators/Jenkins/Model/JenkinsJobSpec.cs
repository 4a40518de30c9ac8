namespace FlowForge.Emulators.Jenkins;

/// <summary>What a new job is made of.</summary>
/// <param name="Parameters">The job's parameter definitions (a <c>hudson.model.ParametersDefinitionProperty</c>); none when null.</param>
/// <param name="Stages">A Pipeline job's stages; null gives <see cref="JenkinsStageSpec.Default"/>. Freestyle jobs have none.</param>
/// <param name="Disabled">A disabled job lists its builds but refuses new ones (409).</param>
/// <param name="ConcurrentBuilds">False: a queued build waits (blocked) while another build of the job runs.</param>
/// <param name="RepositoryUrl">The git remote its builds check out; null derives one from the job's name.</param>
public sealed record JenkinsJobSpec(
    string? Description = null,
    IReadOnlyList<JenkinsParameterSpec>? Parameters = null,
    IReadOnlyList<JenkinsStageSpec>? Stages = null,
    bool Disabled = false,
    bool ConcurrentBuilds = true,
    string? RepositoryUrl = null);

/// <summary>A stage of a Pipeline job and its steps, in order.</summary>
public sealed record JenkinsStageSpec(string Name, IReadOnlyList<JenkinsStepSpec> Steps)
{
    /// <summary>Checkout, Build, Test: the stages a Pipeline job gets when its spec names none.</summary>
    public static IReadOnlyList<JenkinsStageSpec> Default { get; } =
    [
        new("Checkout", [new("Check out from version control", "checkout scm")]),
        new("Build", [new("Shell Script", "./gradlew assemble")]),
        new("Test", [new("Shell Script", "./gradlew test"), new("Record test results", "junit build/test-results/**/*.xml")]),
    ];
}

/// <summary>A step: its display name (<c>Shell Script</c>) and what it ran (the Stage View's <c>parameterDescription</c>).</summary>
public sealed record JenkinsStepSpec(string Name, string? Argument = null);

/// <summary>The parameter types FlowForge reads (<c>hudson.model.*ParameterDefinition</c>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Jenkins' own name for the type.")]
public enum JenkinsParameterType
{
    String,
    Text,
    Boolean,
    Choice,
    Password,
}

/// <summary>A parameter definition.</summary>
/// <param name="DefaultValue">The default as text (<c>true</c>/<c>false</c> for booleans); a choice defaults to its first choice.</param>
public sealed record JenkinsParameterSpec(
    string Name,
    JenkinsParameterType Type,
    string? DefaultValue = null,
    IReadOnlyList<string>? Choices = null,
    string? Description = null);
