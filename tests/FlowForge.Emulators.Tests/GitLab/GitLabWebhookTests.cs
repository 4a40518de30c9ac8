using System.Text.Json;
using FlowForge.Emulators.GitLab;
using FlowForge.Emulators.Tests.Infrastructure;

namespace FlowForge.Emulators.Tests.GitLab;

/// <summary>Pipeline and Job Hook deliveries to a real receiver, with GitLab's headers and its plain-text secret token.</summary>
public sealed class GitLabWebhookTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_status_change_is_delivered_with_GitLabs_headers_and_token()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await GitLabClient.StartAsync();
        var project = emulator.Scenario.AddProject("acme", "app");
        var hook = emulator.Webhooks.Subscribe(receiver.Url, "s3cret-not-real");

        var pipeline = emulator.Scenario.StartPipeline(project.Id, GitLabClient.Push("Hooked"));
        emulator.Scenario.BeginPipeline(pipeline.Id);
        await emulator.Webhooks.WhenDeliveredAsync(Cancel);

        var received = receiver.Received;
        Assert.Equal(["Pipeline Hook", "Job Hook", "Job Hook", "Job Hook", "Pipeline Hook"], received.Select(delivery => delivery.Headers["X-Gitlab-Event"]));
        Assert.All(received, delivery => Assert.Equal("s3cret-not-real", delivery.Headers["X-Gitlab-Token"]));
        Assert.Equal(received.Count, received.Select(delivery => delivery.Headers["X-Gitlab-Event-UUID"]).Distinct().Count());
        Assert.All(received, delivery => Assert.Equal(delivery.Headers["X-Gitlab-Event-UUID"], delivery.Headers["Idempotency-Key"]));
        Assert.Single(received.Select(delivery => delivery.Headers["X-Gitlab-Webhook-UUID"]).Distinct());
        Assert.All(received, delivery => Assert.StartsWith("application/json", delivery.Headers["Content-Type"], StringComparison.Ordinal));

        using var created = JsonDocument.Parse(received[0].Body);
        var attributes = created.RootElement.GetProperty("object_attributes");
        Assert.Equal("pipeline", created.RootElement.GetProperty("object_kind").GetString());
        Assert.Equal((pipeline.Id, "pending"), (attributes.GetProperty("id").GetInt64(), attributes.GetProperty("status").GetString()));
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$", attributes.GetProperty("created_at").GetString());
        Assert.Equal("Hooked", created.RootElement.GetProperty("commit").GetProperty("message").GetString());
        Assert.Equal(2, created.RootElement.GetProperty("builds").GetArrayLength());
        using var job = JsonDocument.Parse(received[3].Body);
        Assert.Equal(("build", "running", pipeline.Id), (job.RootElement.GetProperty("build_name").GetString(), job.RootElement.GetProperty("build_status").GetString(), job.RootElement.GetProperty("pipeline_id").GetInt64()));
        Assert.Equal(pipeline.Id, job.RootElement.GetProperty("commit").GetProperty("id").GetInt64());
        Assert.All(emulator.Webhooks.Deliveries, delivery => Assert.Equal((hook, (int?)200), (delivery.SubscriptionId, delivery.StatusCode)));
    }

    [Fact]
    public async Task Subscriptions_get_only_their_events_and_seeded_history_sends_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await GitLabClient.StartAsync();
        var project = emulator.Scenario.AddProject("acme", "app");
        emulator.Webhooks.Subscribe(receiver.Url, "", "pipeline");

        emulator.Scenario.AddCompletedPipeline(project.Id, GitLabClient.Push(), GitLabStatus.Success, DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromMinutes(1));
        var live = emulator.Scenario.StartPipeline(project.Id, GitLabClient.Push());
        emulator.Scenario.CancelPipeline(live.Id);
        await emulator.Webhooks.WhenDeliveredAsync(Cancel);

        Assert.Equal(["Pipeline Hook", "Pipeline Hook"], receiver.Received.Select(delivery => delivery.Headers["X-Gitlab-Event"]));
        Assert.All(receiver.Received, delivery => Assert.False(delivery.Headers.ContainsKey("X-Gitlab-Token")));
        Assert.Throws<ArgumentException>(() => emulator.Webhooks.Subscribe(receiver.Url, "", "push"));
    }

    [Fact]
    public async Task A_dead_receiver_is_recorded_a_redelivery_repeats_the_delivery_and_the_token_knob_forges_one()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await GitLabClient.StartAsync();
        var project = emulator.Scenario.AddProject("acme", "app");
        var dead = emulator.Webhooks.Subscribe(WebhookReceiver.DeadUrl(), "t-not-real", "pipeline");
        var alive = emulator.Webhooks.Subscribe(receiver.Url, "t-not-real", "pipeline");
        emulator.Webhooks.SendWithToken(alive, "forged-not-real");

        emulator.Scenario.StartPipeline(project.Id, GitLabClient.Push());
        await emulator.Webhooks.WhenDeliveredAsync(Cancel);
        var failed = emulator.Webhooks.Deliveries.Single(delivery => delivery.SubscriptionId == dead);
        var delivered = emulator.Webhooks.Deliveries.Single(delivery => delivery.SubscriptionId == alive);
        var again = await emulator.Webhooks.RedeliverAsync(delivered.Id, Cancel);

        Assert.Null(failed.StatusCode);
        Assert.NotNull(failed.Error);
        Assert.Equal("forged-not-real", receiver.Received[0].Headers["X-Gitlab-Token"]);
        Assert.True(again.Redelivery);
        Assert.Equal(delivered.Body, again.Body);
        Assert.Equal(receiver.Received[0].Headers["Idempotency-Key"], receiver.Received[1].Headers["Idempotency-Key"]);
    }
}
