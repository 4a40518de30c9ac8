using System.Globalization;
using FlowForge.Abstractions.Providers;
using FlowForge.Emulators.GitHub;
using FlowForge.Providers.GitHub.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Providers.GitHub.Tests;

/// <summary>Starting a workflow: <c>workflow_dispatch</c> with <c>return_run_details</c>, and finding the run when a server answers 204.</summary>
public sealed class TriggerTests
{
    private const string Workflow = """
        name: Release
        on:
          workflow_dispatch:
            inputs:
              version:
                type: string
                required: true
              prerelease:
                type: boolean
                default: false
              channel:
                type: choice
                options: [stable, beta]
              shards:
                type: number
              target:
                type: environment
        """;

    private static readonly Dictionary<string, string> Inputs = new(StringComparer.Ordinal)
    {
        ["version"] = "2.4.0",
        ["prerelease"] = "true",
        ["channel"] = "beta",
        ["shards"] = "8",
        ["target"] = "production",
    };

    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dispatch_sends_exactly_the_given_inputs_and_returns_the_new_run()
    {
        await using var github = await EmulatedGitHub.StartAsync();
        var workflow = github.AddWorkflow(Workflow);

        var result = await github.Connection.TriggerAsync(EmulatedGitHub.Pipeline(workflow), new TriggerRequest("main", Inputs), CancellationToken);

        var dispatch = Assert.Single(github.Scenario.Dispatches());
        Assert.Equal(Inputs, dispatch.Inputs);
        Assert.Equal((workflow.Id, "main", true, EmulatedGitHub.Login), (dispatch.WorkflowId, dispatch.Ref, dispatch.ReturnRunDetails, dispatch.Actor));
        Assert.Equal(dispatch.RunId.ToString(CultureInfo.InvariantCulture), result.RunNativeId);
        Assert.Equal(200, result.UpstreamStatusCode);
        Assert.EndsWith($"/acme/app/actions/runs/{dispatch.RunId}", result.WebUrl?.AbsoluteUri, StringComparison.Ordinal);

        var run = await github.RunAsync(workflow, dispatch.RunId);
        Assert.Equal(("workflow_dispatch", "main", EmulatedGitHub.Login), (run.Event, run.Branch, run.Actor));
        var post = Assert.Single(github.Emulator.Requests.Snapshot(), r => r.Method == "POST");
        Assert.Equal($"/repos/acme/app/actions/workflows/{workflow.Id}/dispatches", post.PathAndQuery);
        Assert.True(post.HadAuthorization);
        Assert.Equal("2022-11-28", post.ApiVersion);
    }

    [Fact]
    public async Task No_inputs_are_sent_as_an_empty_object()
    {
        await using var github = await EmulatedGitHub.StartAsync();
        var workflow = github.AddWorkflow("on: workflow_dispatch\n");

        var result = await github.Connection.TriggerAsync(
            EmulatedGitHub.Pipeline(workflow), new TriggerRequest("refs/heads/main", new Dictionary<string, string>()), CancellationToken);

        Assert.Empty(Assert.Single(github.Scenario.Dispatches()).Inputs);
        Assert.NotNull(result.RunNativeId);
    }

    [Fact]
    public async Task A_server_that_answers_204_has_the_run_found_among_the_users_new_dispatch_runs()
    {
        await using var github = await EmulatedGitHub.StartAsync(returnRunDetails: false);
        var workflow = github.AddWorkflow(Workflow);

        // Someone else's dispatch run, newer than ours: only the actor tells them apart.
        github.Scenario.AddCompletedRun(
            workflow.Id,
            new RunSpec("main", "Release", "Mona", "mona@example.com", "mona", "workflow_dispatch"),
            GitHubConclusion.Success,
            github.Host.Time.GetUtcNow().AddSeconds(2),
            TimeSpan.FromSeconds(30));

        var result = await github.Connection.TriggerAsync(EmulatedGitHub.Pipeline(workflow), new TriggerRequest("main", Inputs), CancellationToken);

        var dispatch = Assert.Single(github.Scenario.Dispatches());
        Assert.Equal(204, result.UpstreamStatusCode);
        Assert.Equal(dispatch.RunId.ToString(CultureInfo.InvariantCulture), result.RunNativeId);
        Assert.EndsWith($"/actions/runs/{dispatch.RunId}", result.WebUrl?.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(
            [
                $"POST /repos/acme/app/actions/workflows/{workflow.Id}/dispatches",
                "GET /user",
                $"GET /repos/acme/app/actions/workflows/{workflow.Id}/runs?event=workflow_dispatch&branch=main&per_page=10",
            ],
            github.RequestLines());
    }

    [Fact]
    public async Task A_run_created_a_few_seconds_early_by_githubs_clock_is_still_found()
    {
        var emulatorClock = new FakeTimeProvider(GitHubTestHost.Now - TimeSpan.FromSeconds(3));
        await using var github = await EmulatedGitHub.StartAsync(returnRunDetails: false, emulatorClock);
        var workflow = github.AddWorkflow(Workflow);

        var result = await github.Connection.TriggerAsync(EmulatedGitHub.Pipeline(workflow), new TriggerRequest("main", Inputs), CancellationToken);

        Assert.Equal(Assert.Single(github.Scenario.Dispatches()).RunId.ToString(CultureInfo.InvariantCulture), result.RunNativeId);
    }

    [Fact]
    public async Task A_run_that_does_not_show_up_in_five_looks_a_second_apart_stays_unknown()
    {
        // GitHub's clock is a minute behind: the dispatched run looks older than the dispatch and never matches.
        var emulatorClock = new FakeTimeProvider(GitHubTestHost.Now - TimeSpan.FromMinutes(1));
        await using var github = await EmulatedGitHub.StartAsync(returnRunDetails: false, emulatorClock);
        var workflow = github.AddWorkflow(Workflow);

        var trigger = github.Connection.TriggerAsync(EmulatedGitHub.Pipeline(workflow), new TriggerRequest("main", Inputs), CancellationToken);
        for (var i = 0; i < 1000 && !trigger.IsCompleted; i++)
        {
            github.Host.Time.Advance(TimeSpan.FromMilliseconds(250));
            emulatorClock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5, CancellationToken);
        }

        var result = await trigger;
        Assert.Equal((null, null, 204), (result.RunNativeId, result.WebUrl, result.UpstreamStatusCode));
        Assert.Single(github.Scenario.Dispatches());
        Assert.Equal(5, github.RequestLines().Count(line => line.Contains("/runs?event=workflow_dispatch", StringComparison.Ordinal)));
        Assert.Equal(1, github.RequestLines().Count(line => line.StartsWith("POST", StringComparison.Ordinal)));
        var looks = github.Emulator.Requests.Snapshot().Where(r => r.PathAndQuery.Contains("/runs?", StringComparison.Ordinal)).Select(r => r.At).ToArray();
        Assert.True(looks[^1] - looks[0] >= TimeSpan.FromSeconds(4), $"The looks spanned {looks[^1] - looks[0]} (emulator clock).");
    }

    [Theory]
    [InlineData("main", "nope", "Unexpected inputs provided: [\"nope\"]")]
    [InlineData("no-such-branch", "version", "No ref found for: no-such-branch")]
    public async Task A_dispatch_GitHub_refuses_with_422_is_not_supported_with_GitHubs_message(string gitRef, string input, string message)
    {
        await using var github = await EmulatedGitHub.StartAsync();
        var workflow = github.AddWorkflow(Workflow);

        var exception = await Assert.ThrowsAsync<ProviderException>(() => github.Connection.TriggerAsync(
            EmulatedGitHub.Pipeline(workflow), new TriggerRequest(gitRef, new Dictionary<string, string> { [input] = "1" }), CancellationToken));

        Assert.Equal(ProviderErrorKind.NotSupported, exception.Kind);
        Assert.Equal(422, exception.UpstreamStatusCode);
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
        Assert.Empty(github.Scenario.Dispatches());
        EmulatedGitHub.AssertNoToken(exception);
    }

    [Fact]
    public async Task A_workflow_without_workflow_dispatch_cannot_be_triggered()
    {
        await using var github = await EmulatedGitHub.StartAsync();
        var workflow = github.AddWorkflow("on: push\n");

        var exception = await Assert.ThrowsAsync<ProviderException>(() => github.Connection.TriggerAsync(
            EmulatedGitHub.Pipeline(workflow), new TriggerRequest("main", new Dictionary<string, string>()), CancellationToken));

        Assert.Equal(ProviderErrorKind.NotSupported, exception.Kind);
        Assert.Contains("Workflow does not have 'workflow_dispatch' trigger", exception.Message, StringComparison.Ordinal);
    }
}
