using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;

namespace FlowForge.Emulators.Tests;

public sealed partial class PagingTests
{
    [Fact]
    public async Task Following_next_links_walks_250_runs_newest_first_exactly_once()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (repository, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        var created = Enumerable.Range(0, 250).Select(i => emulator.Scenario.StartRun(workflow.Id, Scenarios.Push(message: $"Commit {i}")).Id).ToList();
        using var client = EmulatorClient.Create(emulator);

        var seen = new List<long>();
        var pages = 0;
        Uri? next = new(emulator.ApiBaseUrl, $"repos/{repository.FullName}/actions/runs?per_page=100&branch=main");
        while (next is not null)
        {
            using var response = await client.GetAsync(next, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal(250, body.RootElement.GetProperty("total_count").GetInt32());
            seen.AddRange(body.RootElement.GetProperty("workflow_runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
            next = Links(response).GetValueOrDefault("next");
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(created), seen);
    }

    [Fact]
    public async Task A_middle_page_links_prev_next_last_and_first_preserving_other_parameters()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (repository, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        for (var i = 0; i < 250; i++)
        {
            emulator.Scenario.StartRun(workflow.Id, Scenarios.Push());
        }

        using var client = EmulatorClient.Create(emulator);
        using var response = await client.GetAsync($"repos/{repository.FullName}/actions/runs?per_page=50&status=queued&page=2", TestContext.Current.CancellationToken);

        var header = response.Header("Link");
        Assert.Equal(["prev", "next", "last", "first"], LinkPattern().Matches(header).Select(m => m.Groups["rel"].Value));
        var links = Links(response);
        var expectedBase = $"{emulator.ApiBaseUrl}repositories/{repository.Id}/actions/runs?per_page=50&status=queued&page=";
        Assert.Equal(new Uri(expectedBase + "1"), links["prev"]);
        Assert.Equal(new Uri(expectedBase + "3"), links["next"]);
        Assert.Equal(new Uri(expectedBase + "5"), links["last"]);
        Assert.Equal(new Uri(expectedBase + "1"), links["first"]);

        var viaLink = await client.GetJsonAsync(links["last"].AbsoluteUri);
        Assert.Equal(50, viaLink.GetProperty("workflow_runs").GetArrayLength());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"repos/{repository.FullName}/actions/runs?per_page=50&status=queued&page=2");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await client.SendAsync(conditional, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.False(notModified.Headers.Contains("Link"), "a 304 repeats validators, not the Link header");
    }

    [Fact]
    public async Task Per_page_defaults_to_30_is_capped_at_100_and_a_single_page_has_no_link()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (repository, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        for (var i = 0; i < 120; i++)
        {
            emulator.Scenario.StartRun(workflow.Id, Scenarios.Push());
        }

        using var client = EmulatorClient.Create(emulator);
        Assert.Equal(30, (await client.GetJsonAsync($"repos/{repository.FullName}/actions/runs")).GetProperty("workflow_runs").GetArrayLength());
        Assert.Equal(100, (await client.GetJsonAsync($"repos/{repository.FullName}/actions/runs?per_page=500")).GetProperty("workflow_runs").GetArrayLength());
        Assert.Empty((await client.GetJsonAsync($"repos/{repository.FullName}/actions/runs?page=9")).GetProperty("workflow_runs").EnumerateArray());

        using var single = await client.GetAsync($"repos/{repository.FullName}/actions/workflows", TestContext.Current.CancellationToken);
        Assert.False(single.Headers.Contains("Link"));
    }

    [Fact]
    public async Task Run_filters_select_by_branch_status_conclusion_event_actor_and_sha()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (repository, workflow) = Scenarios.RepositoryWithWorkflow(emulator);
        var scenario = emulator.Scenario;
        var failed = scenario.StartRun(workflow.Id, Scenarios.Push(branch: "feature/a", actor: "mona"));
        scenario.CompleteRun(failed.Id, GitHubConclusion.Failure);
        var running = scenario.StartRun(workflow.Id, new RunSpec("main", "Nightly", "Bot", "bot@example.com", "octocat", "schedule", new string('a', 40)));
        scenario.BeginRun(running.Id);
        using var client = EmulatorClient.Create(emulator);

        async Task<long[]> Ids(string query) =>
            [.. (await client.GetJsonAsync($"repos/{repository.FullName}/actions/runs?{query}")).GetProperty("workflow_runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64())];

        Assert.Equal([failed.Id], await Ids("branch=feature/a"));
        Assert.Equal([failed.Id], await Ids("status=failure"));
        Assert.Equal([failed.Id], await Ids("status=completed"));
        Assert.Equal([running.Id], await Ids("status=in_progress"));
        Assert.Equal([running.Id], await Ids("event=schedule"));
        Assert.Equal([failed.Id], await Ids("actor=mona"));
        Assert.Equal([running.Id], await Ids("head_sha=" + new string('a', 40)));
        Assert.Equal([running.Id, failed.Id], await Ids("created=>=2000-01-01"));
        Assert.Empty(await Ids("created=<2000-01-01"));
    }

    private static Dictionary<string, Uri> Links(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var values)
            ? LinkPattern().Matches(string.Join(", ", values)).ToDictionary(m => m.Groups["rel"].Value, m => new Uri(m.Groups["url"].Value))
            : [];

    [GeneratedRegex("<(?<url>[^>]+)>; rel=\"(?<rel>[a-z]+)\"")]
    private static partial Regex LinkPattern();
}
