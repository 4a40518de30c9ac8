using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Emulators.Buildkite;
using FlowForge.Providers.Buildkite.Tests.Infrastructure;

namespace FlowForge.Providers.Buildkite.Tests;

/// <summary>Trigger parameters, create build, rebuild, retry failed jobs, retry one job and cancel, against the emulator.</summary>
public sealed class ActionTests
{
    private const string Org = EmulatedBuildkite.Organization;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parameters_are_the_build_options_and_the_pipelines_environment()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var web = bk.AddPipeline("Web", env: new Dictionary<string, string> { ["DEPLOY_ENV"] = "staging", ["LOG_LEVEL"] = "info" });

        var atDefault = await bk.Connection.GetParametersAsync(web, null, Cancel);
        var atBranch = await bk.Connection.GetParametersAsync(web, "release/2.0", Cancel);

        Assert.Equal("main", atDefault.Ref);
        Assert.Equal("release/2.0", atBranch.Ref);
        Assert.True(atDefault.CanTrigger);
        Assert.Equal(["commit", "message", "clean_checkout", "env.DEPLOY_ENV", "env.LOG_LEVEL"], atDefault.Parameters.Select(parameter => parameter.Name));
        var deployEnv = atDefault.Parameters.Single(parameter => parameter.Name == "env.DEPLOY_ENV");
        Assert.Equal("staging", deployEnv.Default);
        Assert.Equal("DEPLOY_ENV", deployEnv.Label);
        Assert.False(deployEnv.Required);
        Assert.Equal(atDefault.Revision, atBranch.Revision);
    }

    [Fact]
    public async Task An_archived_pipeline_cannot_be_triggered()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var web = bk.AddPipeline("Web");
        bk.Scenario.ArchivePipeline(Org, "web");

        var parameters = await bk.Connection.GetParametersAsync(web, null, Cancel);

        Assert.False(parameters.CanTrigger);
        Assert.Equal("The pipeline is archived.", parameters.CannotTriggerReason);
    }

    [Fact]
    public async Task Triggering_creates_a_build_with_exactly_the_given_values()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var web = bk.AddPipeline("Web", env: new Dictionary<string, string> { ["DEPLOY_ENV"] = "staging" });

        var result = await bk.Connection.TriggerAsync(
            web,
            new TriggerRequest("refs/heads/release", new Dictionary<string, string> { ["message"] = "Ship it", ["env.DEPLOY_ENV"] = "production", ["clean_checkout"] = "false" }),
            Cancel);

        var trigger = Assert.Single(bk.Scenario.Triggers());
        Assert.Equal("HEAD", trigger.Commit);
        Assert.Equal("release", trigger.Branch);
        Assert.Equal("Ship it", trigger.Message);
        Assert.False(trigger.CleanCheckout);
        Assert.Equal(new Dictionary<string, string> { ["DEPLOY_ENV"] = "production" }, trigger.Env);
        Assert.Null(trigger.MetaData);
        Assert.Equal(201, result.UpstreamStatusCode);
        Assert.Equal("web:1", result.RunNativeId);
        Assert.Equal(new Uri(bk.Emulator.WebBaseUrl, "acme-inc/web/builds/1"), result.WebUrl);

        var mark = bk.Mark();
        var run = await bk.Connection.GetRunAsync(web, result.RunNativeId!, Cancel);
        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Equal("api", run.Event);
        Assert.Equal("Ada Lovelace", run.Actor);
        Assert.Equal("production", run.Parameters["env.DEPLOY_ENV"]);
        Assert.Single(bk.Since(mark));
    }

    [Fact]
    public async Task Values_the_server_validated_against_the_parameters_are_sent_as_given()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var web = bk.AddPipeline("Web", env: new Dictionary<string, string> { ["DEPLOY_ENV"] = "staging" });
        var parameters = await bk.Connection.GetParametersAsync(web, null, Cancel);

        // What RunOperations does before it triggers: validate the user's values against the discovered parameters.
        var accepted = FlowForge.Core.Operations.TriggerValues.Validate(
            parameters.Parameters, new Dictionary<string, string?> { ["env.DEPLOY_ENV"] = "canary", ["clean_checkout"] = "True" });
        var result = await bk.Connection.TriggerAsync(web, new TriggerRequest(parameters.Ref, accepted), Cancel);

        var trigger = Assert.Single(bk.Scenario.Triggers());
        Assert.Equal(("HEAD", "main", (bool?)true, (string?)null), (trigger.Commit, trigger.Branch, trigger.CleanCheckout, trigger.Message));
        Assert.Equal("canary", trigger.Env!["DEPLOY_ENV"]);
        Assert.Equal(201, result.UpstreamStatusCode);
        Assert.Throws<FlowForge.Core.Errors.ValidationFailedException>(() =>
            FlowForge.Core.Operations.TriggerValues.Validate(parameters.Parameters, new Dictionary<string, string?> { ["env.UNDECLARED"] = "x" }));
    }

    [Fact]
    public async Task Triggering_with_a_parameter_buildkite_does_not_take_is_refused_before_sending()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var web = bk.AddPipeline("Web");
        var mark = bk.Mark();

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            bk.Connection.TriggerAsync(web, new TriggerRequest("main", new Dictionary<string, string> { ["flavour"] = "vanilla" }), Cancel));

        Assert.Equal(ProviderErrorKind.NotSupported, error.Kind);
        Assert.Empty(bk.Since(mark));
    }

    [Fact]
    public async Task A_rebuild_is_a_new_build_with_the_same_commit()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var web = bk.AddPipeline("Web");
        var build = bk.Start(web);
        bk.Scenario.CompleteBuild(Org, "web", build.Number, passed: false);
        var failed = await bk.Connection.GetRunAsync(web, build.RunId, Cancel);

        var result = await bk.Connection.RerunAsync(web, failed, RerunScope.All, null, Cancel);
        var rebuilt = await bk.Connection.GetRunAsync(web, result.RunNativeId, Cancel);

        Assert.Equal(200, result.UpstreamStatusCode);
        Assert.Equal("web:2", result.RunNativeId);
        Assert.Equal(RunStatus.Queued, rebuilt.Status);
        Assert.Equal(failed.Commit!.Sha, rebuilt.Commit!.Sha);
        Assert.Equal((build.Id, 1L), bk.Scenario.GetBuild(Org, "web", 2).RebuiltFrom);
    }

    [Fact]
    public async Task Failed_jobs_are_retried_in_the_same_build_and_a_passed_build_has_none()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var web = bk.AddPipeline("Web", [BuildkiteStep.Command("Lint", "make lint"), BuildkiteStep.Command("Test", "make test")]);
        var build = bk.Start(web);
        bk.Scenario.CompleteBuild(Org, "web", build.Number, passed: false);
        var failed = await bk.Connection.GetRunAsync(web, build.RunId, Cancel);

        var result = await bk.Connection.RerunAsync(web, failed, RerunScope.FailedJobs, null, Cancel);
        var retried = await bk.Connection.GetRunAsync(web, build.RunId, Cancel);
        var jobs = await bk.Connection.ListJobsAsync(web, retried, Cancel);

        Assert.Equal(202, result.UpstreamStatusCode);
        Assert.Equal(build.RunId, result.RunNativeId);
        Assert.Equal(RunStatus.Running, retried.Status);
        Assert.Equal([RunStatus.Queued, RunStatus.Succeeded], jobs.Select(job => job.Status));
        Assert.Equal(3, bk.Scenario.GetBuild(Org, "web", build.Number).Jobs.Count);

        var passed = bk.Start(web);
        bk.Scenario.CompleteBuild(Org, "web", passed.Number, passed: true);
        var passedRun = await bk.Connection.GetRunAsync(web, passed.RunId, Cancel);
        var refused = await Assert.ThrowsAsync<ProviderException>(() => bk.Connection.RerunAsync(web, passedRun, RerunScope.FailedJobs, null, Cancel));
        Assert.Equal(ProviderErrorKind.NotSupported, refused.Kind);
        Assert.Equal(422, refused.UpstreamStatusCode);
    }

    [Fact]
    public async Task One_failed_job_can_be_retried_and_a_passed_one_cannot()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var web = bk.AddPipeline("Web", [BuildkiteStep.Command("Lint", "make lint"), BuildkiteStep.Command("Test", "make test")]);
        var build = bk.Start(web);
        bk.Scenario.CompleteBuild(Org, "web", build.Number, passed: false);
        var run = await bk.Connection.GetRunAsync(web, build.RunId, Cancel);
        var jobs = await bk.Connection.ListJobsAsync(web, run, Cancel);

        var result = await bk.Connection.RerunAsync(web, run, RerunScope.Job, jobs.Single(job => job.Status == RunStatus.Failed).NativeId, Cancel);
        var refused = await Assert.ThrowsAsync<ProviderException>(() =>
            bk.Connection.RerunAsync(web, run, RerunScope.Job, jobs.Single(job => job.Status == RunStatus.Succeeded).NativeId, Cancel));

        Assert.Equal(200, result.UpstreamStatusCode);
        Assert.Equal(build.RunId, result.RunNativeId);
        Assert.Equal(ProviderErrorKind.NotSupported, refused.Kind);
        Assert.Contains("Only failed, timed out or canceled jobs can be retried", refused.Message, StringComparison.Ordinal);
        Assert.Equal(bk.Connection.RerunScopes, [RerunScope.All, RerunScope.FailedJobs, RerunScope.Job]);
    }

    [Fact]
    public async Task A_running_build_is_cancelled_and_a_finished_or_blocked_one_refused()
    {
        await using var bk = await EmulatedBuildkite.StartAsync();
        var web = bk.AddPipeline("Web", [BuildkiteStep.Command("Build", "make"), BuildkiteStep.Block("Go?"), BuildkiteStep.Command("Ship", "make ship")]);
        var running = bk.Start(web);
        bk.Scenario.BeginBuild(Org, "web", running.Number);
        var blocked = bk.Start(web);
        bk.Scenario.AdvanceBuild(Org, "web", blocked.Number);
        bk.Scenario.AdvanceBuild(Org, "web", blocked.Number);

        var result = await bk.Connection.CancelAsync(web, await bk.Connection.GetRunAsync(web, running.RunId, Cancel), force: false, Cancel);
        var cancelled = await bk.Connection.GetRunAsync(web, running.RunId, Cancel);
        var again = await Assert.ThrowsAsync<ProviderException>(() => bk.Connection.CancelAsync(web, cancelled, force: true, Cancel));
        var blockedRun = await bk.Connection.GetRunAsync(web, blocked.RunId, Cancel);
        var refused = await Assert.ThrowsAsync<ProviderException>(() => bk.Connection.CancelAsync(web, blockedRun, force: false, Cancel));

        Assert.Equal(200, result.UpstreamStatusCode);
        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        Assert.Equal(ProviderErrorKind.NotSupported, again.Kind);
        Assert.Equal(422, again.UpstreamStatusCode);
        Assert.Equal(RunStatus.Waiting, blockedRun.Status);
        Assert.Equal(ProviderErrorKind.NotSupported, refused.Kind);
    }
}
