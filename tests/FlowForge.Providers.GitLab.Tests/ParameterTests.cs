using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitLab.Tests.Infrastructure;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary>Parameters from the CI file (<c>spec:inputs</c>, described <c>variables</c>) and triggers that send each where it belongs.</summary>
public sealed class ParameterTests
{
    private const string CiFile = """
        spec:
          inputs:
            environment:
              description: Where to deploy
              options: [staging, production]
              default: staging
            replicas:
              type: number
              default: 2
            dry_run:
              type: boolean
              default: False
            tags:
              type: array
              default: [a, b]
            version:
              description: Required, no default
              regex: ^v\d+
        ---
        variables:
          DEPLOY_REGION:
            value: eu-west-1
            description: Region
            options: [eu-west-1, us-east-1]
          NOTE:
            description: Free text
          PLAIN: not offered
          environment:
            value: x
            description: Loses to the input of the same name

        build:
          script: make
          stage: build
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void The_CI_file_declares_typed_inputs_and_described_variables()
    {
        var declaration = GitLabCiFile.Parse(CiFile, ".gitlab-ci.yml at main");
        var parameters = declaration.Parameters.ToDictionary(parameter => parameter.Parameter.Name);

        Assert.Equal(["environment", "replicas", "dry_run", "tags", "version", "DEPLOY_REGION", "NOTE"], declaration.Parameters.Select(parameter => parameter.Parameter.Name));
        Assert.Equal((TriggerParameterType.Choice, "staging", false), Shape(parameters["environment"]));
        Assert.Equal("Where to deploy", parameters["environment"].Parameter.Description);
        Assert.Equal(["staging", "production"], parameters["environment"].Parameter.Options);
        Assert.Equal((TriggerParameterType.Number, "2", false), Shape(parameters["replicas"]));
        Assert.Equal((TriggerParameterType.Boolean, "false", false), Shape(parameters["dry_run"]));
        Assert.Equal((TriggerParameterType.String, """["a","b"]""", false), Shape(parameters["tags"]));
        Assert.Equal((TriggerParameterType.String, null, true), Shape(parameters["version"]));
        Assert.Equal((TriggerParameterType.Choice, "eu-west-1", false), Shape(parameters["DEPLOY_REGION"]));
        Assert.Equal((TriggerParameterType.String, null, false), Shape(parameters["NOTE"]));
        Assert.True(parameters["environment"].IsInput);
        Assert.Equal(CiInputType.Array, parameters["tags"].InputType);
        Assert.False(parameters["DEPLOY_REGION"].IsInput);
    }

    [Theory]
    [InlineData("build:\n  script: make\n")]
    [InlineData("")]
    [InlineData("spec:\n  inputs:\n    x:\n")]
    public void A_file_without_a_header_or_described_variables_declares_nothing(string yaml) =>
        Assert.Empty(GitLabCiFile.Parse(yaml, "test").Parameters);

    [Fact]
    public void A_file_that_is_not_YAML_is_a_bad_response()
    {
        var error = Assert.Throws<ProviderException>(() => GitLabCiFile.Parse("build: [unclosed", ".gitlab-ci.yml at main"));

        Assert.Equal(ProviderErrorKind.BadResponse, error.Kind);
        Assert.Contains(".gitlab-ci.yml at main", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_reads_the_file_at_the_ref_and_parses_each_version_once()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject(CiFile);
        gitlab.Scenario.SetFile(project.Id, ".gitlab-ci.yml", "build:\n  script: make\n", "legacy");
        var pipeline = EmulatedGitLab.Pipeline(project);
        var mark = gitlab.Mark();

        var atDefault = await gitlab.Connection.GetParametersAsync(pipeline, null, Cancel);
        var again = await gitlab.Connection.GetParametersAsync(pipeline, "main", Cancel);
        var atLegacy = await gitlab.Connection.GetParametersAsync(pipeline, "legacy", Cancel);

        Assert.Equal("main", atDefault.Ref);
        Assert.True(atDefault.CanTrigger);
        Assert.Equal(7, atDefault.Parameters.Count);
        Assert.NotNull(atDefault.Revision);
        Assert.Equal(atDefault.Revision, again.Revision);
        Assert.Empty(atLegacy.Parameters);
        Assert.Equal(2, gitlab.Connection.ParameterSource.FilesParsed);
        Assert.Equal($"GET /api/v4/projects/{project.Id}/repository/files/.gitlab-ci.yml/raw?ref=main", gitlab.RequestsSince(mark)[0]);
    }

    [Fact]
    public async Task A_file_at_a_custom_path_is_read_there_and_an_unknown_ref_is_not_found()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.Scenario.AddProject("acme", "app", ciFile: CiFile, ciConfigPath: "ci/pipeline.yml");
        var pipeline = EmulatedGitLab.Pipeline(project);
        var mark = gitlab.Mark();

        var parameters = await gitlab.Connection.GetParametersAsync(pipeline, null, Cancel);
        var error = await Assert.ThrowsAsync<ProviderException>(() => gitlab.Connection.GetParametersAsync(pipeline, "no-such-branch", Cancel));

        Assert.Equal(7, parameters.Parameters.Count);
        Assert.Equal($"GET /api/v4/projects/{project.Id}/repository/files/ci%2Fpipeline.yml/raw?ref=main", gitlab.RequestsSince(mark)[0]);
        Assert.Equal(ProviderErrorKind.NotFound, error.Kind);
        Assert.Contains("404 Commit Not Found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_kept_in_another_project_has_no_discoverable_parameters_but_can_be_triggered()
    {
        using var stub = new StubHandler();
        using var host = new GitLabTestHost(stub);

        var parameters = await host.Connect(new Uri("https://h/api/v4")).GetParametersAsync(GitLabTestHost.Pipeline(7, filePath: "ci.yml@platform/templates"), "main", Cancel);

        Assert.True(parameters.CanTrigger);
        Assert.Empty(parameters.Parameters);
        Assert.Null(parameters.Revision);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task A_trigger_sends_inputs_typed_and_the_rest_as_variables()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject(CiFile);
        var pipeline = EmulatedGitLab.Pipeline(project);
        await gitlab.Connection.GetParametersAsync(pipeline, "main", Cancel);
        var mark = gitlab.Mark();

        var result = await gitlab.Connection.TriggerAsync(pipeline, new TriggerRequest("main", new Dictionary<string, string>
        {
            ["environment"] = "production",
            ["replicas"] = "3",
            ["dry_run"] = "true",
            ["tags"] = "x, y",
            ["version"] = "v2",
            ["DEPLOY_REGION"] = "us-east-1",
        }), Cancel);

        Assert.Equal(201, result.UpstreamStatusCode);
        Assert.Equal([$"POST /api/v4/projects/{project.Id}/pipeline"], gitlab.RequestsSince(mark));
        var trigger = Assert.Single(gitlab.Scenario.Triggers());
        Assert.Equal("main", trigger.Ref);
        Assert.Equal(
            new Dictionary<string, string> { ["environment"] = "\"production\"", ["replicas"] = "3", ["dry_run"] = "true", ["tags"] = """["x","y"]""", ["version"] = "\"v2\"" },
            trigger.Inputs);
        Assert.Equal(new Emulators.GitLab.GitLabVariable("DEPLOY_REGION", "us-east-1"), Assert.Single(trigger.Variables));
        Assert.Equal(trigger.PipelineId?.ToString(CultureInfo.InvariantCulture), result.RunNativeId);
        Assert.Equal(new Uri(gitlab.Emulator.WebBaseUrl, $"acme/app/-/pipelines/{trigger.PipelineId}"), result.WebUrl);
        var run = await gitlab.Connection.GetRunAsync(pipeline, result.RunNativeId!, Cancel);
        Assert.Equal("api", run.Event);
        Assert.Equal(RunStatus.Queued, run.Status);
    }

    [Fact]
    public async Task A_trigger_GitLab_refuses_is_not_supported_with_its_reasons()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var project = gitlab.AddProject(CiFile);
        var pipeline = EmulatedGitLab.Pipeline(project);

        var missing = await Assert.ThrowsAsync<ProviderException>(() =>
            gitlab.Connection.TriggerAsync(pipeline, new TriggerRequest("main", new Dictionary<string, string> { ["environment"] = "moon" }), Cancel));
        var noRef = await Assert.ThrowsAsync<ProviderException>(() =>
            gitlab.Connection.TriggerAsync(pipeline, new TriggerRequest("gone", new Dictionary<string, string>()), Cancel));

        Assert.Equal(ProviderErrorKind.NotSupported, missing.Kind);
        Assert.Contains("`environment` input: `moon` cannot be used because it is not in the list of allowed options", missing.Message, StringComparison.Ordinal);
        Assert.Contains("`version` input: required value has not been provided", missing.Message, StringComparison.Ordinal);
        Assert.Equal(ProviderErrorKind.NotSupported, noRef.Kind);
        Assert.Contains("Reference not found", noRef.Message, StringComparison.Ordinal);
        Assert.Equal(2, gitlab.Scenario.Triggers().Count);
        Assert.All(gitlab.Scenario.Triggers(), trigger => Assert.Null(trigger.PipelineId));
    }

    [Theory]
    [InlineData("number", "3", "3")]
    [InlineData("number", "2.5", "2.5")]
    [InlineData("number", "three", "\"three\"")]
    [InlineData("boolean", "True", "true")]
    [InlineData("boolean", "maybe", "\"maybe\"")]
    [InlineData("array", """["a", 1]""", """["a", 1]""")]
    [InlineData("array", "a, b", """["a","b"]""")]
    [InlineData("string", "42", "\"42\"")]
    public void Input_values_take_their_declared_JSON_type(string type, string value, string json) =>
        Assert.Equal(json, GitLabRunActions.InputValue(Enum.Parse<CiInputType>(type, ignoreCase: true), value).GetRawText());

    private static (TriggerParameterType Type, string? Default, bool Required) Shape(CiParameter parameter) =>
        (parameter.Parameter.Type, parameter.Parameter.Default, parameter.Parameter.Required);
}
