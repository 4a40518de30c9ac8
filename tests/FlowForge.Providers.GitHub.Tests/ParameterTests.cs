using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.GitHub.Tests.Infrastructure;

namespace FlowForge.Providers.GitHub.Tests;

/// <summary>Trigger-parameter discovery: the workflow file at a ref, through the emulator's contents API, parsed as YAML.</summary>
public sealed class ParameterTests
{
    private const string FiveInputs = """
        name: Release
        on:
          push:
            tags: ["v*"]
          workflow_dispatch:
            inputs:
              version:
                description: Version to release, like 2.4.0
                required: true
              prerelease:
                description: Mark as a pre-release
                type: boolean
                default: True
              channel:
                description: Where to publish
                type: choice
                options:
                  - stable
                  - beta
                  - "nightly"
                default: beta
                required: false
              shards:
                type: number
                default: 4
              target:
                description: |
                  The deployment environment
                type: environment
                required: true
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - run: ./release.sh
        """;

    private const string NoDispatch = """
        name: Lint
        on:
          push:
          pull_request:
        jobs:
          lint:
            runs-on: ubuntu-latest
            steps:
              - run: make lint
        """;

    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Five_inputs_of_every_type_are_read_with_their_defaults_options_and_required_flags()
    {
        await using var github = await EmulatedGitHub.StartAsync();
        var workflow = github.AddWorkflow(FiveInputs);

        var parameters = await github.Connection.GetParametersAsync(EmulatedGitHub.Pipeline(workflow), null, CancellationToken);

        Assert.Equal("main", parameters.Ref);
        Assert.True(parameters.CanTrigger);
        Assert.Null(parameters.CannotTriggerReason);
        Assert.Matches("^[0-9a-f]{40}$", parameters.Revision);
        Assert.Equal(
            [
                ("version", "Version to release, like 2.4.0", TriggerParameterType.String, "", null, true),
                ("prerelease", "Mark as a pre-release", TriggerParameterType.Boolean, "", "true", false),
                ("channel", "Where to publish", TriggerParameterType.Choice, "stable|beta|nightly", "beta", false),
                ("shards", null, TriggerParameterType.Number, "", "4", false),
                ("target", "The deployment environment\n", TriggerParameterType.Environment, "", null, true),
            ],
            parameters.Parameters.Select(p => (p.Name, p.Description, p.Type, string.Join('|', p.Options), p.Default, p.Required)));
        Assert.All(parameters.Parameters, p => Assert.Null(p.Label));
        Assert.All(parameters.Parameters, p => Assert.False(p.IsSecret));
    }

    [Fact]
    public async Task A_workflow_without_workflow_dispatch_cannot_be_triggered_and_says_why()
    {
        await using var github = await EmulatedGitHub.StartAsync();
        var workflow = github.AddWorkflow(NoDispatch, "Lint");

        var parameters = await github.Connection.GetParametersAsync(EmulatedGitHub.Pipeline(workflow), "main", CancellationToken);

        Assert.False(parameters.CanTrigger);
        Assert.Equal("This workflow has no workflow_dispatch trigger, so it cannot be started by hand.", parameters.CannotTriggerReason);
        Assert.Empty(parameters.Parameters);
        Assert.NotNull(parameters.Revision);
    }

    [Theory]
    [InlineData("on")]
    [InlineData("\"on\"")]
    [InlineData("'on'")]
    [InlineData("true")]
    public async Task The_trigger_key_is_found_however_it_is_spelled(string key)
    {
        await using var github = await EmulatedGitHub.StartAsync();
        var workflow = github.AddWorkflow($"""
            name: Deploy
            {key}:
              workflow_dispatch:
                inputs:
                  dry_run:
                    type: boolean
                    default: false
            jobs: {"{}"}
            """);

        var parameters = await github.Connection.GetParametersAsync(EmulatedGitHub.Pipeline(workflow), null, CancellationToken);

        Assert.True(parameters.CanTrigger);
        var input = Assert.Single(parameters.Parameters);
        Assert.Equal(("dry_run", TriggerParameterType.Boolean, "false"), (input.Name, input.Type, input.Default));
    }

    [Theory]
    [InlineData("on: workflow_dispatch", true)]
    [InlineData("on: push", false)]
    [InlineData("on: [push, workflow_dispatch]", true)]
    [InlineData("on: [push, pull_request]", false)]
    [InlineData("on:\n  - push\n  - workflow_dispatch", true)]
    [InlineData("on:\n  push:\n  workflow_dispatch:", true)]
    [InlineData("on:\n  push:\n  workflow_dispatch: null", true)]
    [InlineData("on:\n  workflow_dispatch:\n    inputs:", true)]
    [InlineData("on:\n  push:\n    branches: [workflow_dispatch]", false)]
    [InlineData("\"true\":\n  workflow_dispatch:", false)]
    [InlineData("name: no trigger at all", false)]
    public async Task The_string_list_and_map_forms_are_understood_and_only_the_map_carries_inputs(string trigger, bool canTrigger)
    {
        await using var github = await EmulatedGitHub.StartAsync();
        var workflow = github.AddWorkflow(trigger + "\njobs: {}\n");

        var parameters = await github.Connection.GetParametersAsync(EmulatedGitHub.Pipeline(workflow), null, CancellationToken);

        Assert.Equal(canTrigger, parameters.CanTrigger);
        Assert.Equal(canTrigger ? null : GitHubWorkflowFile.NoDispatchReason, parameters.CannotTriggerReason);
        Assert.Empty(parameters.Parameters);
    }

    [Fact]
    public async Task The_file_is_read_at_the_ref_asked_for()
    {
        await using var github = await EmulatedGitHub.StartAsync();
        var workflow = github.AddWorkflow(FiveInputs);
        github.Scenario.UpdateWorkflowFileAt(workflow.Id, "release/2.x", """
            on:
              workflow_dispatch:
                inputs:
                  hotfix:
                    type: string
            """);
        var pipeline = EmulatedGitHub.Pipeline(workflow);

        var onBranch = await github.Connection.GetParametersAsync(pipeline, "release/2.x", CancellationToken);
        var onDefault = await github.Connection.GetParametersAsync(pipeline, null, CancellationToken);

        Assert.Equal(("release/2.x", "hotfix"), (onBranch.Ref, Assert.Single(onBranch.Parameters).Name));
        Assert.Equal(("main", 5), (onDefault.Ref, onDefault.Parameters.Count));
        Assert.NotEqual(onBranch.Revision, onDefault.Revision);
        Assert.Contains("GET /repos/acme/app/contents/.github/workflows/release.yml?ref=release%2F2.x", github.RequestLines());
    }

    [Fact]
    public async Task An_unknown_ref_or_file_is_not_found()
    {
        await using var github = await EmulatedGitHub.StartAsync();
        var workflow = github.AddWorkflow(FiveInputs);

        var noRef = await Assert.ThrowsAsync<ProviderException>(() =>
            github.Connection.GetParametersAsync(EmulatedGitHub.Pipeline(workflow), "no-such-branch", CancellationToken));
        var noFile = await Assert.ThrowsAsync<ProviderException>(() =>
            github.Connection.GetParametersAsync(EmulatedGitHub.Pipeline(workflow) with { FilePath = ".github/workflows/gone.yml" }, null, CancellationToken));

        Assert.Equal(ProviderErrorKind.NotFound, noRef.Kind);
        Assert.Contains("No commit found for the ref no-such-branch", noRef.Message, StringComparison.Ordinal);
        Assert.Equal(ProviderErrorKind.NotFound, noFile.Kind);
        EmulatedGitHub.AssertNoToken(noRef);
        EmulatedGitHub.AssertNoToken(noFile);
    }

    [Fact]
    public async Task A_second_look_is_a_free_304_and_parses_nothing_until_the_file_changes()
    {
        await using var github = await EmulatedGitHub.StartAsync();
        var workflow = github.AddWorkflow(FiveInputs);
        var pipeline = EmulatedGitHub.Pipeline(workflow);

        var first = await github.Connection.GetParametersAsync(pipeline, null, CancellationToken);
        var second = await github.Connection.GetParametersAsync(pipeline, "main", CancellationToken);

        Assert.Same(first, second);
        Assert.Equal(1, github.Connection.ParameterSource.FilesParsed);
        var contents = github.Emulator.Requests.Snapshot().Where(r => r.PathAndQuery.Contains("/contents/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, contents.Length);
        Assert.Equal((200, null), (contents[0].StatusCode, contents[0].IfNoneMatch));
        Assert.Equal(304, contents[1].StatusCode);
        Assert.NotNull(contents[1].IfNoneMatch);
        Assert.False(contents[1].CostRateLimit);

        github.Scenario.UpdateWorkflowFile(workflow.Id, NoDispatch);
        var changed = await github.Connection.GetParametersAsync(pipeline, null, CancellationToken);

        Assert.False(changed.CanTrigger);
        Assert.NotEqual(first.Revision, changed.Revision);
        Assert.Equal(2, github.Connection.ParameterSource.FilesParsed);
    }

    [Fact]
    public async Task A_pipeline_without_file_path_or_default_branch_asks_github_for_them()
    {
        await using var github = await EmulatedGitHub.StartAsync();
        github.Scenario.AddRepository("acme", "app", defaultBranch: "trunk");
        var workflow = github.AddWorkflow(FiveInputs);

        var parameters = await github.Connection.GetParametersAsync(
            EmulatedGitHub.Pipeline(workflow, defaultBranch: null, withPath: false), null, CancellationToken);

        Assert.Equal(("trunk", 5), (parameters.Ref, parameters.Parameters.Count));
        Assert.Equal(
            [
                "GET /repos/acme/app",
                $"GET /repos/acme/app/actions/workflows/{workflow.Id}",
                "GET /repos/acme/app/contents/.github/workflows/release.yml?ref=trunk",
            ],
            github.RequestLines());
    }

    [Theory]
    [InlineData("on: [push, workflow_dispatch\njobs: {}\n", "is not valid YAML.")]
    [InlineData("on:\n  workflow_dispatch:\n   inputs: [\n", "is not valid YAML (line 4")]
    [InlineData("on: \"unterminated\n", "is not valid YAML (line ")]
    [InlineData("- just\n- a list\n", "its top level is not a mapping")]
    [InlineData("on:\n  workflow_dispatch:\n    inputs:\n      level:\n        type: integer\n", "Input 'level' of the workflow file .github/workflows/release.yml at main has type 'integer'")]
    public async Task A_file_that_is_not_a_workflow_is_a_bad_response_with_a_clear_message(string content, string expected)
    {
        await using var github = await EmulatedGitHub.StartAsync();
        var workflow = github.AddWorkflow(content);

        var exception = await Assert.ThrowsAsync<ProviderException>(() =>
            github.Connection.GetParametersAsync(EmulatedGitHub.Pipeline(workflow), null, CancellationToken));

        Assert.Equal(ProviderErrorKind.BadResponse, exception.Kind);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.Contains(".github/workflows/release.yml at main", exception.Message, StringComparison.Ordinal);
        EmulatedGitHub.AssertNoToken(exception);
    }

    [Fact]
    public async Task GitHubs_managed_workflows_have_no_file_and_cannot_be_triggered()
    {
        var pipeline = new Pipeline(
            new PipelineKey(GitHubTestHost.InstanceId, "161335"), "CodeQL", "acme/app", "main", null, "dynamic/github-code-scanning/codeql", Pipeline.NoExtras);
        using var host = new GitHubTestHost();

        // No request is made: the base URL does not even resolve.
        var parameters = await host.Connect(new Uri("http://github.invalid/")).GetParametersAsync(pipeline, null, CancellationToken);

        Assert.False(parameters.CanTrigger);
        Assert.Contains("managed by GitHub", parameters.CannotTriggerReason, StringComparison.Ordinal);
    }
}
