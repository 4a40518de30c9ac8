using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Emulators.Jenkins;
using FlowForge.Providers.Jenkins.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Providers.Jenkins.Tests;

/// <summary>Trigger (followed through the queue), rebuild with the same parameters, stop and cancel, and the CSRF crumb.</summary>
public sealed class ActionTests
{
    private static readonly JenkinsParameterSpec[] Parameters =
    [
        new("TARGET", JenkinsParameterType.String, "dev"),
        new("DRY_RUN", JenkinsParameterType.Boolean, "false"),
        new("LEVEL", JenkinsParameterType.Choice, Choices: ["info", "debug"]),
        new("NOTES", JenkinsParameterType.Text, ""),
        new("API_KEY", JenkinsParameterType.Password),
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_trigger_posts_the_values_as_a_form_without_quiet_period_and_follows_the_queue_item_to_the_build()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("team/deploy", new JenkinsJobSpec(Parameters: Parameters));
        var pipeline = await jenkins.PipelineAsync("team/deploy");
        var values = new Dictionary<string, string> { ["TARGET"] = "prod & co", ["DRY_RUN"] = "true", ["API_KEY"] = "hunter2-not-real" };
        jenkins.ClearRequests();

        var result = await jenkins.Connection.TriggerAsync(pipeline, new TriggerRequest("", values), Cancel);

        Assert.Equal(("team~deploy:1", 201), (result.RunNativeId, result.UpstreamStatusCode));
        Assert.Equal(new Uri(jenkins.Emulator.BaseUrl, "job/team/job/deploy/1/"), result.WebUrl);
        var trigger = Assert.Single(jenkins.Scenario.Triggers());
        Assert.Equal(("buildWithParameters", JenkinsTestHost.User), (trigger.Endpoint, trigger.User));
        Assert.Equal(values, trigger.Parameters);
        Assert.Equal("true", jenkins.Scenario.GetBuild("team/deploy", 1).Parameters["DRY_RUN"]);
        var requests = jenkins.RequestLines();
        Assert.Equal("POST /job/team/job/deploy/buildWithParameters?delay=0sec", requests.Single(line => line.StartsWith("POST", StringComparison.Ordinal)));
        Assert.Contains("GET /queue/item/1/api/json?tree=id%2Ccancelled%2Cwhy%2Cexecutable%5Bnumber%2Curl%5D", requests);
        Assert.DoesNotContain(requests, line => line.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_job_without_parameters_is_started_with_build()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddFreestyleJob("docs");
        var pipeline = await jenkins.PipelineAsync("docs");

        var result = await jenkins.Connection.TriggerAsync(pipeline, new TriggerRequest("", new Dictionary<string, string>()), Cancel);

        Assert.Equal("docs:1", result.RunNativeId);
        Assert.Equal("build", Assert.Single(jenkins.Scenario.Triggers()).Endpoint);
    }

    [Fact]
    public async Task A_build_still_waiting_for_an_executor_is_reported_by_the_number_it_will_get()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var jenkins = await EmulatedJenkins.StartAsync(options => new JenkinsEmulatorOptions
        {
            Users = options.Users,
            StartTriggeredBuilds = false,
        }, clock);
        jenkins.Scenario.AddPipelineJob("api");
        var pipeline = await jenkins.PipelineAsync("api");
        jenkins.Scenario.AddCompletedBuild("api", EmulatedJenkins.Commit(), JenkinsResult.Success, DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromMinutes(1));

        var trigger = jenkins.Connection.TriggerAsync(pipeline, new TriggerRequest("", new Dictionary<string, string>()), Cancel);
        while (!trigger.IsCompleted)
        {
            await Task.Delay(10, Cancel);
            clock.Advance(JenkinsQueueFollower.Interval);
        }

        var result = await trigger;
        Assert.Equal("api:2", result.RunNativeId);
        Assert.Equal(JenkinsQueueFollower.Attempts, jenkins.RequestLines().Count(line => line.StartsWith("GET /queue/item/", StringComparison.Ordinal)));
        Assert.Equal(RunStatus.Queued, (await jenkins.Connection.GetRunAsync(pipeline, "api:2", Cancel)).Status);
    }

    [Fact]
    public async Task A_disabled_job_refuses_a_trigger_as_not_supported()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("api", new JenkinsJobSpec(Disabled: true));
        var pipeline = await jenkins.PipelineAsync("api");

        var refused = await Assert.ThrowsAsync<ProviderException>(() => jenkins.Connection.TriggerAsync(pipeline, new TriggerRequest("", new Dictionary<string, string>()), Cancel));

        Assert.Equal((ProviderErrorKind.NotSupported, 409), (refused.Kind, refused.UpstreamStatusCode));
        Assert.Contains("api is not buildable", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rebuild_starts_the_job_again_with_the_parameters_the_build_ran_with()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("deploy", new JenkinsJobSpec(Parameters: Parameters));
        var pipeline = await jenkins.PipelineAsync("deploy");
        jenkins.Scenario.AddCompletedBuild(
            "deploy",
            EmulatedJenkins.Commit(parameters: new Dictionary<string, string> { ["TARGET"] = "staging", ["LEVEL"] = "debug", ["API_KEY"] = "s3cret-not-real" }),
            JenkinsResult.Failure,
            DateTimeOffset.UtcNow.AddMinutes(-5),
            TimeSpan.FromMinutes(1));
        var failed = await jenkins.Connection.GetRunAsync(pipeline, "deploy:1", Cancel);

        var result = await jenkins.Connection.RerunAsync(pipeline, failed, RerunScope.All, null, Cancel);

        Assert.Equal(("deploy:2", 201), (result.RunNativeId, result.UpstreamStatusCode));
        Assert.Equal(
            new Dictionary<string, string> { ["TARGET"] = "staging", ["DRY_RUN"] = "false", ["LEVEL"] = "debug", ["NOTES"] = "" },
            Assert.Single(jenkins.Scenario.Triggers()).Parameters);
        Assert.Equal([RerunScope.All], jenkins.Connection.RerunScopes);
        var refused = await Assert.ThrowsAsync<ProviderException>(() => jenkins.Connection.RerunAsync(pipeline, failed, RerunScope.FailedJobs, null, Cancel));
        Assert.Equal(ProviderErrorKind.NotSupported, refused.Kind);
    }

    [Fact]
    public async Task Stopping_follows_jenkins_redirect_to_the_build_state_and_a_finished_build_is_refused()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("api");
        var pipeline = await jenkins.PipelineAsync("api");
        jenkins.Scenario.StartBuild(jenkins.Scenario.QueueBuild("api", EmulatedJenkins.Commit()).Id);
        var running = await jenkins.Connection.GetRunAsync(pipeline, "api:1", Cancel);
        jenkins.ClearRequests();

        var result = await jenkins.Connection.CancelAsync(pipeline, running, force: false, Cancel);

        Assert.Equal((200, "api:1"), (result.UpstreamStatusCode, result.RunNativeId));
        Assert.Equal(
            ["GET /job/api/1/api/json?tree=number%2Cbuilding%2Cresult", "POST /job/api/1/stop", "GET /job/api/1/api/json?tree=building,result"],
            jenkins.RequestLines());
        Assert.Equal(JenkinsResult.Aborted, jenkins.Scenario.GetBuild("api", 1).Result);
        var stopped = await jenkins.Connection.GetRunAsync(pipeline, "api:1", Cancel);
        Assert.Equal(RunStatus.Cancelled, stopped.Status);

        var refused = await Assert.ThrowsAsync<ProviderException>(() => jenkins.Connection.CancelAsync(pipeline, stopped, force: false, Cancel));
        Assert.Equal((ProviderErrorKind.NotSupported, JenkinsRunActions.AlreadyFinished), (refused.Kind, refused.Message));
    }

    [Fact]
    public async Task Force_cancel_kills_a_pipeline_build()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("api");
        var pipeline = await jenkins.PipelineAsync("api");
        jenkins.Scenario.StartBuild(jenkins.Scenario.QueueBuild("api", EmulatedJenkins.Commit()).Id);
        var running = await jenkins.Connection.GetRunAsync(pipeline, "api:1", Cancel);

        await jenkins.Connection.CancelAsync(pipeline, running, force: true, Cancel);

        Assert.Contains("POST /job/api/1/kill", jenkins.RequestLines());
    }

    [Fact]
    public async Task Cancelling_a_queued_run_takes_its_item_out_of_the_queue()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("api");
        var pipeline = await jenkins.PipelineAsync("api");
        var item = jenkins.Scenario.QueueBuild("api", EmulatedJenkins.Commit());
        var queued = await jenkins.Connection.GetRunAsync(pipeline, "api:1", Cancel);

        var result = await jenkins.Connection.CancelAsync(pipeline, queued, force: false, Cancel);

        Assert.Equal(204, result.UpstreamStatusCode);
        Assert.Contains($"POST /queue/cancelItem?id={item.Id}", jenkins.RequestLines());
        Assert.Equal(RunStatus.Cancelled, (await jenkins.Connection.GetRunAsync(pipeline, "api:1", Cancel)).Status);
        var again = await Assert.ThrowsAsync<ProviderException>(() => jenkins.Connection.CancelAsync(pipeline, queued, force: false, Cancel));
        Assert.Equal(ProviderErrorKind.NotSupported, again.Kind);
    }

    [Fact]
    public async Task A_controller_that_wants_a_crumb_gets_one_with_its_session_and_keeps_getting_it()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync(options => new JenkinsEmulatorOptions { Users = options.Users, RequireCrumb = true });
        jenkins.Scenario.AddFreestyleJob("docs");
        var pipeline = await jenkins.PipelineAsync("docs");
        jenkins.ClearRequests();

        var first = await jenkins.Connection.TriggerAsync(pipeline, new TriggerRequest("", new Dictionary<string, string>()), Cancel);
        jenkins.Scenario.CompleteBuild("docs", 1, JenkinsResult.Success);
        var second = await jenkins.Connection.TriggerAsync(pipeline, new TriggerRequest("", new Dictionary<string, string>()), Cancel);

        Assert.Equal(("docs:1", "docs:2"), (first.RunNativeId, second.RunNativeId));
        var posts = jenkins.Emulator.Requests.Snapshot().Where(request => request.Method == "POST").ToList();
        Assert.Equal([403, 201, 201], posts.Select(request => request.StatusCode));
        Assert.Equal([false, true, true], posts.Select(request => request.HadCrumb));
        Assert.Single(jenkins.RequestLines(), line => line == "GET /crumbIssuer/api/json");
    }
}
