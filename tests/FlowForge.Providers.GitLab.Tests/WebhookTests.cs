using System.Text;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Emulators.GitLab;
using FlowForge.Providers.GitLab.Tests.Infrastructure;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary>Pipeline and Job Hook deliveries: the secret token checked first, then the payload read into runs and jobs.</summary>
public sealed class WebhookTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Source: gitlabhq/gitlabhq doc/user/project/integrations/webhook_events.md, "Pipeline events".
    [Fact]
    public void The_documented_pipeline_delivery_is_a_run_with_its_jobs()
    {
        using var host = new GitLabTestHost();
        var connection = host.Connect(new Uri("https://h/api/v4"));

        var delivery = connection.Receive(Request("Pipeline Hook", Fixtures.Bytes("hook-pipeline.json")));

        Assert.Equal("event-uuid-1", delivery.DeliveryId);
        Assert.Equal("Pipeline Hook", delivery.EventName);
        var run = Assert.Single(delivery.Runs);
        Assert.Equal(new PipelineKey(GitLabTestHost.InstanceId, "1"), run.Pipeline);
        Assert.Equal("31", run.NativeId);
        Assert.Equal(3, run.Number);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("success", run.ProviderStatus);
        Assert.Equal("Pipeline for branch: master", run.Title);
        Assert.Equal("merge_request_event", run.Event);
        Assert.Equal("root", run.Actor);
        Assert.Equal("master", run.Branch);
        Assert.Equal(new CommitInfo("bcbb5ec396a2c0f828686f14fac9b80b780504f2", "test\n", "User", "user@gitlab.com"), run.Commit);
        Assert.Equal(Utc(2016, 8, 12, 15, 23, 28), run.CreatedAt);
        Assert.Equal(Utc(2016, 8, 12, 15, 24, 56), run.StartedAt);
        Assert.Equal(Utc(2016, 8, 12, 15, 26, 29), run.FinishedAt);
        Assert.Equal(Utc(2016, 8, 12, 15, 26, 29), run.UpdatedAt);
        Assert.Equal(new Uri("http://example.com/gitlab-org/gitlab-test/-/pipelines/31"), run.WebUrl);

        Assert.Equal(5, delivery.Jobs.Count);
        Assert.All(delivery.Jobs, job => Assert.Equal("31", job.RunNativeId));
        var failed = delivery.Jobs.Single(job => job.Job.NativeId == "378").Job;
        Assert.Equal(("test-build", "test", RunStatus.Failed, "shared-runners-manager-6.gitlab.com"), (failed.Name, failed.Stage, failed.Status, failed.Runner));
        Assert.Equal(new Uri("http://192.168.64.1:3005/gitlab-org/gitlab-test/-/jobs/378"), failed.WebUrl);
        Assert.Equal(RunStatus.Skipped, delivery.Jobs.Single(job => job.Job.NativeId == "380").Job.Status);
        Assert.Equal(RunStatus.Queued, delivery.Jobs.Single(job => job.Job.NativeId == "379").Job.Status);
    }

    // Source: gitlabhq/gitlabhq doc/user/project/integrations/webhook_events.md, "Job events" (comments removed).
    [Fact]
    public void The_documented_job_delivery_is_a_job_of_its_pipeline()
    {
        using var host = new GitLabTestHost();
        var connection = host.Connect(new Uri("https://h/api/v4"));

        var delivery = connection.Receive(Request("Job Hook", Fixtures.Bytes("hook-job.json")));

        Assert.Empty(delivery.Runs);
        var job = Assert.Single(delivery.Jobs);
        Assert.Equal("2366", job.RunNativeId);
        Assert.Equal(("1977", "test", "test", RunStatus.Queued, "created"), (job.Job.NativeId, job.Job.Name, job.Job.Stage, job.Job.Status, job.Job.ProviderStatus));
        Assert.Equal("shared-runners-manager-6.gitlab.com", job.Job.Runner);
        Assert.Null(job.Job.StartedAt);
        Assert.Equal(new Uri("http://192.168.64.1:3005/gitlab-org/gitlab-test/-/jobs/1977"), job.Job.WebUrl);
    }

    [Fact]
    public void The_token_is_checked_before_anything_is_read()
    {
        using var host = new GitLabTestHost();
        var connection = host.Connect(new Uri("https://h/api/v4"));
        var unconfigured = host.Connect(new Uri("https://h/api/v4"), webhookSecret: null);

        var wrong = Assert.Throws<ProviderException>(() => connection.Receive(Request("Pipeline Hook", "not even json"u8.ToArray(), token: "guess-not-real")));
        var missing = Assert.Throws<ProviderException>(() => connection.Receive(Request("Pipeline Hook", "not even json"u8.ToArray(), token: null)));
        var noSecret = Assert.Throws<ProviderException>(() => unconfigured.Receive(Request("Pipeline Hook", Fixtures.Bytes("hook-pipeline.json"))));

        Assert.All([wrong, missing, noSecret], error => Assert.Equal(ProviderErrorKind.AuthenticationFailed, error.Kind));
        Assert.Contains("does not match", wrong.Message, StringComparison.Ordinal);
        Assert.Contains("no X-Gitlab-Token", missing.Message, StringComparison.Ordinal);
        Assert.Contains("No webhook secret", noSecret.Message, StringComparison.Ordinal);
        Assert.All([wrong, missing, noSecret], error => Assert.DoesNotContain(GitLabTestHost.WebhookSecret, error.Message, StringComparison.Ordinal));
        Assert.DoesNotContain("guess-not-real", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_delivery_id_is_the_idempotency_key_when_GitLab_sends_one()
    {
        using var host = new GitLabTestHost();
        var connection = host.Connect(new Uri("https://h/api/v4"));
        var request = Request("Job Hook", Fixtures.Bytes("hook-job.json"));
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["Idempotency-Key"] = "retry-stable-key" };

        Assert.Equal("retry-stable-key", connection.Receive(request with { Headers = headers }).DeliveryId);
    }

    [Theory]
    [InlineData("Push Hook", ProviderErrorKind.NotSupported)]
    [InlineData(null, ProviderErrorKind.BadResponse)]
    public void Other_events_and_deliveries_without_an_event_are_refused(string? eventName, ProviderErrorKind kind)
    {
        using var host = new GitLabTestHost();
        var connection = host.Connect(new Uri("https://h/api/v4"));

        var error = Assert.Throws<ProviderException>(() => connection.Receive(Request(eventName, "{}"u8.ToArray())));

        Assert.Equal(kind, error.Kind);
    }

    [Theory]
    [InlineData("{\"object_kind\":\"pipeline\"}")]
    [InlineData("[1,2]")]
    [InlineData("{\"object_attributes\":{\"id\":1,\"status\":\"success\",\"ref\":\"main\",\"sha\":\"abc\",\"created_at\":\"yesterday\"},\"project\":{\"id\":1}}")]
    public void A_body_that_is_not_a_pipeline_delivery_is_a_bad_response(string body)
    {
        using var host = new GitLabTestHost();
        var connection = host.Connect(new Uri("https://h/api/v4"));

        var error = Assert.Throws<ProviderException>(() => connection.Receive(Request("Pipeline Hook", Encoding.UTF8.GetBytes(body))));

        Assert.Equal(ProviderErrorKind.BadResponse, error.Kind);
    }

    [Fact]
    public void A_child_pipeline_is_not_a_run_of_its_project()
    {
        using var host = new GitLabTestHost();
        var connection = host.Connect(new Uri("https://h/api/v4"));
        var body = Fixtures.Text("hook-pipeline.json").Replace("\"merge_request_event\"", "\"parent_pipeline\"", StringComparison.Ordinal);

        var delivery = connection.Receive(Request("Pipeline Hook", Encoding.UTF8.GetBytes(body)));

        Assert.True(delivery.IsEmpty);
    }

    [Fact]
    public async Task The_emulators_deliveries_read_back_as_the_runs_and_jobs_the_API_shows()
    {
        await using var gitlab = await EmulatedGitLab.StartAsync();
        var hook = gitlab.Emulator.Webhooks.Subscribe(new Uri("http://127.0.0.1:9/hooks"), GitLabTestHost.WebhookSecret);
        var project = gitlab.AddProject();
        var started = gitlab.StartPipeline(project, "Hooked");
        gitlab.Scenario.BeginPipeline(started.Id);
        gitlab.Scenario.CompletePipeline(started.Id, GitLabStatus.Success);
        await gitlab.Emulator.Webhooks.WhenDeliveredAsync(Cancel);

        var deliveries = gitlab.Emulator.Webhooks.Deliveries.Where(delivery => delivery.SubscriptionId == hook).ToList();
        var read = deliveries.Select(delivery => gitlab.Connection.Receive(
            new WebhookRequest(new Dictionary<string, string>(delivery.Headers, StringComparer.OrdinalIgnoreCase), delivery.Body))).ToList();
        var polled = await gitlab.Connection.GetRunAsync(EmulatedGitLab.Pipeline(project), started.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Cancel);

        Assert.Equal(["Pipeline Hook", "Job Hook", "Job Hook", "Job Hook", "Pipeline Hook", "Job Hook", "Job Hook", "Pipeline Hook"], deliveries.Select(delivery => delivery.Event));
        Assert.Equal(deliveries.Count, read.Select(delivery => delivery.DeliveryId).Distinct().Count());
        var last = read.Last(delivery => delivery.Runs.Count > 0).Runs[0];
        Assert.Equal(polled with { UpdatedAt = null, StartedAt = null, FinishedAt = null }, last with { UpdatedAt = null, StartedAt = null, FinishedAt = null });
        Assert.True(last.UpdatedAt <= polled.UpdatedAt);
        Assert.Equal([RunStatus.Queued, RunStatus.Running, RunStatus.Succeeded], read.SelectMany(delivery => delivery.Runs).Select(run => run.Status));
    }

    private static WebhookRequest Request(string? eventName, byte[] body, string? token = GitLabTestHost.WebhookSecret)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Gitlab-Event-UUID"] = "event-uuid-1" };
        if (eventName is not null)
        {
            headers["X-Gitlab-Event"] = eventName;
        }

        if (token is not null)
        {
            headers["X-Gitlab-Token"] = token;
        }

        return new WebhookRequest(headers, body);
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);
}
