using System.Net;
using System.Text;
using System.Text.Json;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;

namespace FlowForge.Emulators.Tests;

/// <summary><c>workflow_dispatch</c>: refs, the trigger in every spelling, and the inputs checked as GitHub checks them.</summary>
public sealed class DispatchTests : IAsyncLifetime
{
    private const string Release = """
        name: Release
        on:
          push:
            tags: ["v*"]
          workflow_dispatch:
            inputs:
              version:
                type: string
                required: true
              channel:
                type: choice
                options: [stable, beta]
                default: stable
              shards:
                type: number
                default: 2
              notify:
                type: boolean
              target:
                type: environment
                required: true
                default: staging
        """;

    private GitHubEmulator _emulator = null!;
    private HttpClient _client = null!;
    private EmulatedWorkflow _workflow = null!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _emulator.Scenario.AddRepository("acme", "cli");
        _workflow = _emulator.Scenario.AddWorkflow("acme/cli", "Release", ".github/workflows/release.yml", Release);
        _client = EmulatorClient.Create(_emulator);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Valid_inputs_start_a_run_and_are_recorded_exactly_as_sent()
    {
        using var response = await Dispatch("""{"ref":"main","inputs":{"version":"2.4.0","shards":"8","notify":true,"channel":"beta"}}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var dispatch = Assert.Single(_emulator.Scenario.Dispatches());
        Assert.Equal(new Dictionary<string, string> { ["version"] = "2.4.0", ["shards"] = "8", ["notify"] = "true", ["channel"] = "beta" }, dispatch.Inputs);
        Assert.Equal((_workflow.Id, "main", "octocat", false), (dispatch.WorkflowId, dispatch.Ref, dispatch.Actor, dispatch.ReturnRunDetails));
        var run = _emulator.Scenario.GetRun(dispatch.RunId);
        Assert.Equal(("workflow_dispatch", "main", "octocat"), (run.Event, run.HeadBranch, run.Actor));
    }

    [Theory]
    [InlineData("""{"version":"1","nope":"x","other":"y"}""", """Unexpected inputs provided: ["nope", "other"]""")]
    [InlineData("""{"channel":"beta"}""", "Required input 'version' not provided")]
    [InlineData("""{"version":""}""", "Required input 'version' not provided")]
    [InlineData("""{"version":"1","channel":"nightly"}""", "Provided value 'nightly' for input 'channel' not in the list of allowed values")]
    [InlineData("""{"version":"1","notify":"yes"}""", "Provided value 'yes' for input 'notify' is not a valid boolean")]
    [InlineData("""{"version":"1","shards":"many"}""", "Provided value 'many' for input 'shards' is not a valid number")]
    [InlineData("""{"version":{"major":1}}""", "Invalid request.\n\nFor 'properties/version', {\"major\":1} is not a string, number or boolean.")]
    public async Task Invalid_inputs_get_422_with_GitHubs_message_and_start_nothing(string inputs, string message)
    {
        using var response = await Dispatch($$"""{"ref":"main","inputs":{{inputs}}}""");

        await AuthenticationTests.AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, message);
        Assert.Empty(_emulator.Scenario.Runs("acme/cli"));
        Assert.Empty(_emulator.Scenario.Dispatches());
    }

    [Fact]
    public async Task More_than_25_inputs_are_refused_before_anything_else()
    {
        var inputs = string.Join(",", Enumerable.Range(1, 26).Select(i => $"\"i{i}\":\"x\""));

        using var response = await Dispatch("""{"ref":"main","inputs":{""" + inputs + "}}");

        await AuthenticationTests.AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "Invalid request.\n\nNo more than 25 properties are allowed; 26 were supplied.");
    }

    [Fact]
    public async Task An_unknown_ref_is_refused_and_a_ref_uses_its_own_workflow_file()
    {
        using var unknown = await Dispatch("""{"ref":"feature/x","inputs":{"version":"1"}}""");
        await AuthenticationTests.AssertErrorAsync(unknown, HttpStatusCode.UnprocessableEntity, "No ref found for: feature/x");

        _emulator.Scenario.UpdateWorkflowFileAt(_workflow.Id, "feature/x", "on: push\n");
        using var noTrigger = await Dispatch("""{"ref":"refs/heads/feature/x"}""");
        await AuthenticationTests.AssertErrorAsync(noTrigger, HttpStatusCode.UnprocessableEntity, "Workflow does not have 'workflow_dispatch' trigger");

        Assert.Equal("on: push\n", _emulator.Scenario.WorkflowFileAt(_workflow.Id, "feature/x"));
        Assert.Equal(Release, _emulator.Scenario.WorkflowFileAt(_workflow.Id, "main"));
        Assert.True(_workflow.CanDispatch);
    }

    [Theory]
    [InlineData("on: workflow_dispatch\n")]
    [InlineData("on: [push, workflow_dispatch]\n")]
    [InlineData("\"on\":\n  workflow_dispatch:\n")]
    [InlineData("true:\n  workflow_dispatch:\n    inputs:\n      level:\n        type: number\n")]
    [InlineData("'on':\n  workflow_dispatch: null\n")]
    public async Task The_trigger_is_found_in_every_spelling_and_form(string file)
    {
        var workflow = _emulator.Scenario.AddWorkflow("acme/cli", "Any", ".github/workflows/any.yml", file);

        using var response = await _client.PostJsonAsync($"repos/acme/cli/actions/workflows/{workflow.Id}/dispatches", """{"ref":"main"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(workflow.CanDispatch);
    }

    [Theory]
    [InlineData("on: push\n")]
    [InlineData("on: [push, pull_request]\n")]
    [InlineData("on:\n  push:\n# workflow_dispatch: is only a comment\n")]
    [InlineData("\"true\":\n  workflow_dispatch:\n")]
    [InlineData("on: [unclosed\n")]
    [InlineData("on: [push, workflow_dispatch\njobs: {}\n")]
    public void Files_without_a_real_trigger_cannot_be_dispatched(string file) =>
        Assert.False(_emulator.Scenario.AddWorkflow("acme/cli", "Other", ".github/workflows/other.yml", file).CanDispatch);

    [Fact]
    public async Task Return_run_details_answers_200_with_the_run_unless_the_emulator_predates_it()
    {
        using var detailed = await Dispatch("""{"ref":"main","inputs":{"version":"1"},"return_run_details":true}""");
        Assert.Equal(HttpStatusCode.OK, detailed.StatusCode);
        using var body = JsonDocument.Parse(await detailed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(Assert.Single(_emulator.Scenario.Dispatches()).RunId, body.RootElement.GetProperty("workflow_run_id").GetInt64());

        await using var old = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { ReturnRunDetails = false }, TestContext.Current.CancellationToken);
        old.Scenario.AddRepository("acme", "cli");
        old.Scenario.AddWorkflow("acme/cli", "Release", ".github/workflows/release.yml", Release);
        using var client = EmulatorClient.Create(old);
        using var plain = await client.PostJsonAsync("repos/acme/cli/actions/workflows/release.yml/dispatches", """{"ref":"main","inputs":{"version":"1"},"return_run_details":true}""");
        Assert.Equal(HttpStatusCode.NoContent, plain.StatusCode);
        Assert.True(Assert.Single(old.Scenario.Dispatches()).ReturnRunDetails);
    }

    [Fact]
    public async Task The_contents_api_serves_each_refs_file_and_404s_unknown_refs()
    {
        _emulator.Scenario.UpdateWorkflowFileAt(_workflow.Id, "v2", "on: push\n");
        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push(branch: "develop"));

        Assert.Equal("on: push\n", await Content("?ref=v2"));
        Assert.Equal("on: push\n", await Content("?ref=refs/tags/v2"));
        Assert.Equal(Release, await Content(""));
        Assert.Equal(Release, await Content("?ref=develop"));
        Assert.Equal(Release, await Content("?ref=" + run.HeadSha[..7]));

        using var missing = await _client.GetAsync("repos/acme/cli/contents/.github/workflows/release.yml?ref=nope", TestContext.Current.CancellationToken);
        await AuthenticationTests.AssertErrorAsync(missing, HttpStatusCode.NotFound, "No commit found for the ref nope");
    }

    [Fact]
    public async Task The_demo_workflows_declare_inputs_of_every_type_and_check_them()
    {
        await using var demo = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        GitHubDemoScenario.Seed(demo);
        var deploy = demo.Scenario.Workflows("acme/api").Single(w => w.Name == "Deploy");
        foreach (var type in (string[])["string", "boolean", "choice", "number", "environment"])
        {
            Assert.Contains($"type: {type}\n", deploy.FileContent, StringComparison.Ordinal);
        }

        using var client = EmulatorClient.Create(demo);
        using var valid = await client.PostJsonAsync($"repos/acme/api/actions/workflows/{deploy.Id}/dispatches",
            """{"ref":"main","inputs":{"environment":"production","region":"us-east-1","version":"","replicas":"5","dry_run":"true"}}""");
        Assert.Equal(HttpStatusCode.NoContent, valid.StatusCode);
        using var invalid = await client.PostJsonAsync($"repos/acme/api/actions/workflows/{deploy.Id}/dispatches", """{"ref":"main","inputs":{"region":"mars"}}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
    }

    private Task<HttpResponseMessage> Dispatch(string json) =>
        _client.PostJsonAsync($"repos/acme/cli/actions/workflows/{_workflow.Id}/dispatches", json);

    private async Task<string> Content(string query)
    {
        var file = await _client.GetJsonAsync($"repos/acme/cli/contents/.github/workflows/release.yml{query}");
        return Encoding.UTF8.GetString(Convert.FromBase64String(file.GetProperty("content").GetString()!.Replace("\n", "", StringComparison.Ordinal)));
    }
}
