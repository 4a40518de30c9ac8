using System.Net;
using System.Text.Json;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Emulators.Tests;

/// <summary>Signed webhook deliveries to a real HTTP receiver, as FlowForge's webhook endpoint would get them from GitHub.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "It's a Secret to Everybody";

    private static readonly JobSpec[] TwoJobs =
    [
        new("build", ["Set up job", "Build", "Test", "Complete job"]),
        new("deploy", ["Set up job", "Deploy", "Complete job"]),
    ];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
    private GitHubEmulator _emulator = null!;
    private WebhookReceiver _receiver = null!;
    private EmulatedRepository _repository = null!;
    private EmulatedWorkflow _workflow = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = _time, WebhookTimeout = TimeSpan.FromSeconds(5) }, Cancel);
        _receiver = await WebhookReceiver.StartAsync();
        (_repository, _workflow) = Scenarios.RepositoryWithWorkflow(_emulator);
    }

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_runs_lifecycle_arrives_signed_and_in_order()
    {
        var hookId = _emulator.Webhooks.Subscribe(_receiver.Url, Secret);

        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push(jobs: TwoJobs));
        _emulator.Scenario.BeginRun(run.Id);
        _emulator.Scenario.CompleteRun(run.Id, GitHubConclusion.Failure);
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);

        var received = _receiver.Received;
        Assert.Equal(
            [
                "workflow_run/requested", "workflow_job/queued", "workflow_job/queued",
                "workflow_run/in_progress", "workflow_job/in_progress",
                "workflow_job/completed", "workflow_job/completed", "workflow_run/completed",
            ],
            received.Select(r => r.ToString()));
        Assert.All(received, r =>
        {
            Assert.True(r.SignatureIsValid(Secret), $"{r}: the signature verifies with the secret");
            Assert.False(r.SignatureIsValid("another secret"), $"{r}: the signature fails with another secret");
            Assert.Matches("^sha1=[0-9a-f]{40}$", r.Header("X-Hub-Signature"));
            Assert.True(Guid.TryParse(r.Header("X-GitHub-Delivery"), out _));
            Assert.Equal(hookId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Header("X-GitHub-Hook-ID"));
            Assert.Equal("repository", r.Header("X-GitHub-Hook-Installation-Target-Type"));
            Assert.Equal(_repository.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Header("X-GitHub-Hook-Installation-Target-ID"));
            Assert.StartsWith("GitHub-Hookshot/", r.Header("User-Agent"), StringComparison.Ordinal);
            Assert.Equal("application/json", r.Header("Content-Type"));
            Assert.Equal(_repository.FullName, r.Json.GetProperty("repository").GetProperty("full_name").GetString());
            Assert.Equal("octocat", r.Json.GetProperty("sender").GetProperty("login").GetString());
            Assert.Equal("acme", r.Json.GetProperty("organization").GetProperty("login").GetString());
        });
        Assert.Equal(8, received.Select(r => r.Header("X-GitHub-Delivery")).Distinct().Count());

        var requested = received[0].Json;
        Assert.Equal("queued", requested.GetProperty("workflow_run").GetProperty("status").GetString());
        Assert.Equal(_workflow.Id, requested.GetProperty("workflow").GetProperty("id").GetInt64());
        Assert.Equal(".github/workflows/ci.yml", requested.GetProperty("workflow").GetProperty("path").GetString());
        var buildDone = received[5].Json.GetProperty("workflow_job");
        Assert.Equal(("build", "failure"), (buildDone.GetProperty("name").GetString(), buildDone.GetProperty("conclusion").GetString()));
        var deployDone = received[6].Json.GetProperty("workflow_job");
        Assert.Equal(("deploy", "skipped"), (deployDone.GetProperty("name").GetString(), deployDone.GetProperty("conclusion").GetString()));
        Assert.Equal("failure", received[7].Json.GetProperty("workflow_run").GetProperty("conclusion").GetString());

        var deliveries = _emulator.Webhooks.Deliveries;
        Assert.Equal(received.Select(r => r.Header("X-GitHub-Delivery")), deliveries.Select(d => d.Id));
        Assert.All(deliveries, d => Assert.True(d.Succeeded && d.StatusCode == 200 && d.Error is null && !d.Redelivery && d.SubscriptionId == hookId));
        Assert.All(deliveries, d => Assert.Equal(_time.GetUtcNow(), d.SentAt));
        Assert.Equal(received.Select(r => r.Body), deliveries.Select(d => d.Body.ToArray()));
    }

    [Fact]
    public async Task Payloads_carry_the_same_run_and_job_objects_as_the_rest_api()
    {
        _emulator.Webhooks.Subscribe(_receiver.Url, Secret);
        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push(jobs: TwoJobs));
        _emulator.Scenario.CompleteRun(run.Id, GitHubConclusion.Success);
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);
        using var client = EmulatorClient.Create(_emulator);

        var lastRun = _receiver.Received.Last(r => r.Event == "workflow_run").Json.GetProperty("workflow_run");
        var rest = await client.GetJsonAsync($"repos/{_repository.FullName}/actions/runs/{run.Id}");
        Assert.Equal(rest.GetRawText(), lastRun.GetRawText());

        var lastJob = _receiver.Received.Last(r => r.Event == "workflow_job").Json.GetProperty("workflow_job");
        var restJob = await client.GetJsonAsync($"repos/{_repository.FullName}/actions/jobs/{lastJob.GetProperty("id").GetInt64()}");
        Assert.Equal(restJob.GetRawText(), lastJob.GetRawText());
    }

    [Fact]
    public async Task Advancing_a_run_reports_jobs_as_they_move_and_steps_cause_nothing()
    {
        _emulator.Webhooks.Subscribe(_receiver.Url, Secret);
        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push(jobs: TwoJobs));
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);
        var before = _receiver.Received.Count;

        _emulator.Scenario.AdvanceRun(run.Id); // begins: run and build in progress
        _emulator.Scenario.AdvanceRun(run.Id); // a step of build
        for (var i = 0; i < 3; i++)
        {
            _emulator.Scenario.AdvanceRun(run.Id); // build's steps; the last one finishes build and starts deploy
        }

        for (var i = 0; i < 3; i++)
        {
            _emulator.Scenario.AdvanceRun(run.Id); // deploy's steps; the last one completes the run
        }

        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);
        Assert.Equal("completed", _emulator.Scenario.GetRun(run.Id).Status);
        Assert.Equal(
            ["workflow_run/in_progress", "workflow_job/in_progress", "workflow_job/completed", "workflow_job/in_progress", "workflow_job/completed", "workflow_run/completed"],
            _receiver.Received.Skip(before).Select(r => r.ToString()));
        Assert.Equal(["build", "build", "deploy", "deploy"],
            _receiver.Received.Skip(before).Where(r => r.Event == "workflow_job").Select(r => r.Json.GetProperty("workflow_job").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Reruns_cancellations_and_dispatches_through_the_api_are_delivered_too()
    {
        _emulator.Webhooks.Subscribe(_receiver.Url, Secret);
        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push(jobs: TwoJobs));
        _emulator.Scenario.BeginRun(run.Id);
        using var client = EmulatorClient.Create(_emulator);
        using var cancel = await client.PostAsync($"repos/{_repository.FullName}/actions/runs/{run.Id}/cancel", null, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);
        var completed = _receiver.Received[^1].Json.GetProperty("workflow_run");
        Assert.Equal(("completed", "cancelled"), (completed.GetProperty("status").GetString(), completed.GetProperty("conclusion").GetString()));
        var before = _receiver.Received.Count;

        using var rerun = await client.PostAsync($"repos/{_repository.FullName}/actions/runs/{run.Id}/rerun-failed-jobs", null, Cancel);
        Assert.Equal(HttpStatusCode.Created, rerun.StatusCode);
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);

        var rerunEvents = _receiver.Received.Skip(before).ToArray();
        Assert.Equal(["workflow_run/requested", "workflow_job/queued", "workflow_job/queued"], rerunEvents.Select(r => r.ToString()));
        Assert.Equal(2, rerunEvents[0].Json.GetProperty("workflow_run").GetProperty("run_attempt").GetInt32());
        Assert.All(rerunEvents.Skip(1), r => Assert.Equal(2, r.Json.GetProperty("workflow_job").GetProperty("run_attempt").GetInt32()));
    }

    [Fact]
    public async Task Concurrent_scenario_changes_keep_each_runs_deliveries_in_order()
    {
        _emulator.Webhooks.Subscribe(_receiver.Url, Secret);
        await using var second = await WebhookReceiver.StartAsync();
        _emulator.Webhooks.Subscribe(second.Url, "another secret", "workflow_run");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
        {
            var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push(message: $"Change {i}"));
            _emulator.Scenario.BeginRun(run.Id);
            _emulator.Scenario.CompleteRun(run.Id, i % 2 == 0 ? GitHubConclusion.Success : GitHubConclusion.Failure);
        }, Cancel)));
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);

        var byRun = _receiver.Received.GroupBy(RunId).ToArray();
        Assert.Equal(20, byRun.Length);
        Assert.All(byRun, g => Assert.Equal(
            ["workflow_run/requested", "workflow_job/queued", "workflow_run/in_progress", "workflow_job/in_progress", "workflow_job/completed", "workflow_run/completed"],
            g.Select(r => r.ToString())));
        Assert.All(_receiver.Received, r => Assert.True(r.SignatureIsValid(Secret)));
        Assert.Equal(60, second.Received.Count);
        Assert.All(second.Received, r => Assert.True(r.SignatureIsValid("another secret")));
        Assert.Equal(180, _emulator.Webhooks.Deliveries.Count);

        static long RunId(ReceivedWebhook r) => r.Event == "workflow_run"
            ? r.Json.GetProperty("workflow_run").GetProperty("id").GetInt64()
            : r.Json.GetProperty("workflow_job").GetProperty("run_id").GetInt64();
    }

    [Fact]
    public async Task Seeded_history_causes_no_deliveries()
    {
        _emulator.Webhooks.Subscribe(_receiver.Url, Secret);

        _emulator.Scenario.AddCompletedRun(_workflow.Id, Scenarios.Push(), GitHubConclusion.Success, _time.GetUtcNow().AddHours(-1), TimeSpan.FromMinutes(3));
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);

        Assert.Empty(_receiver.Received);
        Assert.Empty(_emulator.Webhooks.Deliveries);
    }

    [Fact]
    public async Task Redelivery_sends_the_same_id_body_and_signature_again()
    {
        _emulator.Webhooks.Subscribe(_receiver.Url, Secret);
        _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push());
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);
        var original = _emulator.Webhooks.Deliveries[0];
        _time.Advance(TimeSpan.FromMinutes(5));

        var again = await _emulator.Webhooks.RedeliverAsync(original.Id, Cancel);

        Assert.True(again.Redelivery);
        Assert.True(again.Succeeded);
        Assert.Equal(original.Id, again.Id);
        Assert.Equal(_time.GetUtcNow(), again.SentAt);
        var first = _receiver.Received[0];
        var second = _receiver.Received[^1];
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.Header("X-GitHub-Delivery"), second.Header("X-GitHub-Delivery"));
        Assert.Equal(first.Header("X-Hub-Signature-256"), second.Header("X-Hub-Signature-256"));
        Assert.True(second.SignatureIsValid(Secret));
        Assert.Equal(3, _emulator.Webhooks.Deliveries.Count);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _emulator.Webhooks.RedeliverAsync(Guid.NewGuid().ToString(), Cancel));
    }

    [Fact]
    public async Task Ping_describes_the_hook()
    {
        var hookId = _emulator.Webhooks.Subscribe(new WebhookSubscriptionOptions
        {
            Url = _receiver.Url,
            Secret = Secret,
            Events = ["workflow_run"],
            Repository = _repository.FullName,
        });

        var deliveryId = _emulator.Webhooks.Ping(hookId);
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);

        var ping = Assert.Single(_receiver.Received);
        Assert.Equal("ping", ping.Event);
        Assert.Equal(deliveryId, ping.Header("X-GitHub-Delivery"));
        Assert.True(ping.SignatureIsValid(Secret));
        var json = ping.Json;
        Assert.False(string.IsNullOrEmpty(json.GetProperty("zen").GetString()));
        Assert.Equal(hookId, json.GetProperty("hook_id").GetInt64());
        var hook = json.GetProperty("hook");
        Assert.Equal(hookId, hook.GetProperty("id").GetInt64());
        Assert.Equal(["workflow_run"], hook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(_receiver.Url.AbsoluteUri, hook.GetProperty("config").GetProperty("url").GetString());
        Assert.Equal("json", hook.GetProperty("config").GetProperty("content_type").GetString());
        Assert.Equal(_repository.FullName, json.GetProperty("repository").GetProperty("full_name").GetString());
        Assert.Null(_emulator.Webhooks.Deliveries.Single().Action);
    }

    [Fact]
    public async Task Subscriptions_filter_by_event_and_repository()
    {
        var other = _emulator.Scenario.AddRepository("acme", "other");
        var otherWorkflow = _emulator.Scenario.AddWorkflow(other.FullName, "CI", ".github/workflows/ci.yml");
        _emulator.Webhooks.Subscribe(new WebhookSubscriptionOptions { Url = _receiver.Url, Secret = Secret, Events = ["workflow_job"], Repository = other.FullName });

        _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push());
        _emulator.Scenario.StartRun(otherWorkflow.Id, Scenarios.Push());
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);

        var only = Assert.Single(_receiver.Received);
        Assert.Equal("workflow_job/queued", only.ToString());
        Assert.Equal(other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), only.Header("X-GitHub-Hook-Installation-Target-ID"));
    }

    [Fact]
    public async Task Unsubscribe_stops_deliveries()
    {
        var hookId = _emulator.Webhooks.Subscribe(_receiver.Url, Secret);
        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push());
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);
        var before = _receiver.Received.Count;

        Assert.True(_emulator.Webhooks.Unsubscribe(hookId));
        _emulator.Scenario.CompleteRun(run.Id, GitHubConclusion.Success);
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);

        Assert.Equal(2, before);
        Assert.Equal(before, _receiver.Received.Count);
        Assert.Empty(_emulator.Webhooks.Subscriptions);
        Assert.False(_emulator.Webhooks.Unsubscribe(hookId));
        Assert.Throws<KeyNotFoundException>(() => _emulator.Webhooks.Ping(hookId));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _emulator.Webhooks.RedeliverAsync(_emulator.Webhooks.Deliveries[0].Id, Cancel));
    }

    [Fact]
    public async Task A_receiver_that_is_down_or_failing_does_not_break_the_scenario()
    {
        var dead = _emulator.Webhooks.Subscribe(WebhookReceiver.DeadUrl(), Secret);
        var failing = _emulator.Webhooks.Subscribe(_receiver.Url, Secret);
        _receiver.StatusCode = 500;

        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push());
        _emulator.Scenario.CompleteRun(run.Id, GitHubConclusion.Success);
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);

        Assert.Equal("completed", _emulator.Scenario.GetRun(run.Id).Status);
        var deliveries = _emulator.Webhooks.Deliveries;
        Assert.Equal(4, deliveries.Count(d => d.SubscriptionId == dead));
        Assert.All(deliveries.Where(d => d.SubscriptionId == dead), d =>
        {
            Assert.False(d.Succeeded);
            Assert.Null(d.StatusCode);
            Assert.StartsWith("We couldn't deliver this payload", d.Error, StringComparison.Ordinal);
            Assert.False(d.Body.IsEmpty);
        });
        Assert.Equal(4, deliveries.Count(d => d.SubscriptionId == failing && d.StatusCode == 500 && !d.Succeeded));
    }

    [Fact]
    public async Task A_slow_receiver_blocks_neither_the_scenario_nor_other_subscriptions()
    {
        await using var fast = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.Hold = release.Task;
        _emulator.Webhooks.Subscribe(_receiver.Url, Secret);
        _emulator.Webhooks.Subscribe(fast.Url, Secret);

        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push());
        _emulator.Scenario.BeginRun(run.Id);
        _emulator.Scenario.CompleteRun(run.Id, GitHubConclusion.Success);
        Assert.Equal("completed", _emulator.Scenario.GetRun(run.Id).Status);

        await Scenarios.EventuallyAsync(() => fast.Received.Count == 6, "the fast receiver's deliveries");
        Assert.Single(_receiver.Received);
        Assert.False(_emulator.Webhooks.WhenDeliveredAsync(Cancel).IsCompleted);

        release.SetResult();
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);
        Assert.Equal(fast.Received.Select(r => r.ToString()), _receiver.Received.Select(r => r.ToString()));
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_recorded_as_timed_out()
    {
        await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { WebhookTimeout = TimeSpan.FromMilliseconds(300) }, Cancel);
        var workflow = Scenarios.RepositoryWithWorkflow(emulator).Workflow;
        var never = new TaskCompletionSource();
        _receiver.Hold = never.Task;
        emulator.Webhooks.Subscribe(_receiver.Url, Secret, "workflow_run");

        emulator.Scenario.StartRun(workflow.Id, Scenarios.Push());
        await emulator.Webhooks.WhenDeliveredAsync(Cancel);

        var delivery = Assert.Single(emulator.Webhooks.Deliveries);
        Assert.Null(delivery.StatusCode);
        Assert.Contains("timed out", delivery.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_knobs_give_wrong_or_missing_signatures_for_negative_tests()
    {
        var hookId = _emulator.Webhooks.Subscribe(_receiver.Url, Secret, "workflow_run");
        _emulator.Webhooks.SignWithSecret(hookId, "not the secret");
        var run = _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push());
        _emulator.Webhooks.SignWithSecret(hookId, null);
        _emulator.Webhooks.SendWithSignature("sha256=0000");
        _emulator.Scenario.BeginRun(run.Id);
        _emulator.Webhooks.SendWithSignature("");
        _emulator.Scenario.CompleteRun(run.Id, GitHubConclusion.Success);
        _emulator.Webhooks.SendWithSignature(null);
        _emulator.Webhooks.Ping(hookId);
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);

        var received = _receiver.Received;
        Assert.Equal(["workflow_run/requested", "workflow_run/in_progress", "workflow_run/completed", "ping"], received.Select(r => r.ToString()));
        Assert.False(received[0].SignatureIsValid(Secret));
        Assert.True(received[0].SignatureIsValid("not the secret"));
        Assert.Equal("sha256=0000", received[1].Header("X-Hub-Signature-256"));
        Assert.Null(received[1].Header("X-Hub-Signature"));
        Assert.Null(received[2].Header("X-Hub-Signature-256"));
        Assert.Null(received[2].Header("X-Hub-Signature"));
        Assert.True(received[3].SignatureIsValid(Secret));
    }

    [Fact]
    public async Task Webhooks_can_be_driven_over_http()
    {
        using var control = EmulatorClient.Create(_emulator, token: null);
        using var created = await control.PostJsonAsync("_emulator/webhooks",
            $$"""{"url":"{{_receiver.Url}}","secret":"{{Secret}}","events":["workflow_run"]}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hook = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Cancel)).RootElement;
        var hookId = hook.GetProperty("id").GetInt64();
        Assert.True(hook.GetProperty("hasSecret").GetBoolean());

        _emulator.Scenario.StartRun(_workflow.Id, Scenarios.Push());
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);
        var deliveries = await control.GetJsonAsync("_emulator/webhooks/deliveries");
        var delivery = Assert.Single(deliveries.EnumerateArray());
        Assert.Equal(("workflow_run", "requested", 200, hookId),
            (delivery.GetProperty("event").GetString(), delivery.GetProperty("action").GetString(), delivery.GetProperty("statusCode").GetInt32(), delivery.GetProperty("subscriptionId").GetInt64()));
        Assert.Equal("requested", JsonDocument.Parse(delivery.GetProperty("body").GetString()!).RootElement.GetProperty("action").GetString());

        var id = delivery.GetProperty("id").GetString();
        using var redelivered = await control.PostAsync($"_emulator/webhooks/deliveries/{id}/redeliver", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        var again = JsonDocument.Parse(await redelivered.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal(id, again.GetProperty("id").GetString());
        Assert.True(again.GetProperty("redelivery").GetBoolean());
        Assert.Equal(_receiver.Received[0].Body, _receiver.Received[1].Body);

        using var missing = await control.PostAsync($"_emulator/webhooks/deliveries/{Guid.NewGuid()}/redeliver", null, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var ping = await control.PostAsync($"_emulator/webhooks/{hookId}/pings", null, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, ping.StatusCode);
        using var deleted = await control.DeleteAsync($"_emulator/webhooks/{hookId}", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(_emulator.Webhooks.Subscriptions);
        using var badUrl = await control.PostJsonAsync("_emulator/webhooks", """{"url":"not a url"}""");
        Assert.Equal(HttpStatusCode.BadRequest, badUrl.StatusCode);
    }
}
