using FlowForge.Abstractions.Domain;
using FlowForge.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FlowForge.Storage.Tests;

public sealed class SyncStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Writing_the_same_pipelines_again_changes_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Instances.AddAsync(Sample.Instance(), Ct);
        var pipelines = new[] { Sample.Pipeline("acme", "ci"), Sample.Pipeline("acme", "deploy") };

        var first = await store.Sync.ReplacePipelinesAsync("acme", pipelines, Ct);
        Assert.Equal([pipelines[0].Key, pipelines[1].Key], first.Added);
        var version = store.Version.Current;
        store.Saves.Clear();

        // Same content, extras in another order, equal URIs as new objects.
        var again = pipelines.Select(pipeline => pipeline with
        {
            Extras = pipeline.Extras.Reverse().ToDictionary(),
            WebUrl = new Uri(pipeline.WebUrl!.ToString()),
        }).ToArray();
        var second = await store.Sync.ReplacePipelinesAsync("acme", again, Ct);

        Assert.False(second.Any);
        Assert.Equal(version, store.Version.Current);
        Assert.NotEmpty(store.Saves.Results);
        Assert.All(store.Saves.Results, rows => Assert.Equal(0, rows));
    }

    [Fact]
    public async Task Replacing_pipelines_adds_updates_and_removes_the_vanished_with_their_runs()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Instances.AddAsync(Sample.Instance(), Ct);
        var ci = Sample.Pipeline("acme", "ci");
        var deploy = Sample.Pipeline("acme", "deploy");
        await store.Sync.ReplacePipelinesAsync("acme", [ci, deploy], Ct);
        await store.Sync.UpsertRunsAsync("acme", [Sample.Run(ci.Key, "1", 1), Sample.Run(deploy.Key, "2", 2)], Ct);
        await store.Sync.ReplaceJobsAsync(deploy.Key, "2", [Sample.Job("j", "deploy", RunStatus.Succeeded, Sample.Step(1, "ship"))], Ct);
        var version = store.Version.Current;

        var renamed = ci with { Name = "CI (renamed)" };
        var lint = Sample.Pipeline("acme", "lint");
        var changes = await store.Sync.ReplacePipelinesAsync("acme", [renamed, lint], Ct);

        Assert.Equal([lint.Key], changes.Added);
        Assert.Equal([ci.Key], changes.Updated);
        Assert.Equal([deploy.Key], changes.Removed);
        Assert.True(store.Version.Current > version);
        Assert.Equal(["ci", "lint"], (await store.Sync.ListPipelinesAsync("acme", Ct)).Select(pipeline => pipeline.Key.NativeId));
        Assert.Equal("CI (renamed)", (await store.Reader.FindPipelineAsync(ci.Key, Ct))!.Name);
        Assert.Null(await store.Reader.FindRunAsync(deploy.Key, "2", Ct));
        Assert.Equal(1, store.Scalar("SELECT COUNT(*) FROM runs"));
        Assert.Equal(0, store.Scalar("SELECT COUNT(*) FROM jobs"));
        Assert.Equal(0, store.Scalar("SELECT COUNT(*) FROM steps"));
    }

    [Fact]
    public async Task Pipelines_of_another_instance_are_refused_and_an_unknown_instance_stores_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Instances.AddAsync(Sample.Instance(), Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => store.Sync.ReplacePipelinesAsync("acme", [Sample.Pipeline("other", "ci")], Ct));
        var changes = await store.Sync.ReplacePipelinesAsync("gone", [Sample.Pipeline("gone", "ci")], Ct);

        Assert.False(changes.Any);
        Assert.Equal(0, store.Scalar("SELECT COUNT(*) FROM pipelines"));
    }

    [Fact]
    public async Task A_failed_write_leaves_the_store_as_it_was()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Instances.AddAsync(Sample.Instance(), Ct);
        var ci = Sample.Pipeline("acme", "ci");
        await store.Sync.ReplacePipelinesAsync("acme", [ci], Ct);
        var version = store.Version.Current;

        // One good change, one addition and one row the database refuses (NOT NULL): all or nothing.
        Pipeline[] batch = [ci with { Name = "changed" }, Sample.Pipeline("acme", "ok"), Sample.Pipeline("acme", "bad") with { Name = null! }];
        await Assert.ThrowsAsync<DbUpdateException>(() => store.Sync.ReplacePipelinesAsync("acme", batch, Ct));

        Assert.Equal(version, store.Version.Current);
        var stored = Assert.Single(await store.Sync.ListPipelinesAsync("acme", Ct));
        Assert.Equal(ci.Name, stored.Name);

        // And the store keeps working.
        Assert.True((await store.Sync.ReplacePipelinesAsync("acme", [ci, Sample.Pipeline("acme", "ok")], Ct)).Any);
    }

    [Fact]
    public async Task Writing_the_same_runs_again_changes_nothing()
    {
        await using var store = await StoreWithPipelineAsync();
        var key = new PipelineKey("acme", "ci");
        var runs = Enumerable.Range(1, 5).Select(i => Sample.Run(key, $"r{i}", i, i == 5 ? RunStatus.Running : RunStatus.Succeeded)).ToArray();
        var first = await store.Sync.UpsertRunsAsync("acme", runs, Ct);
        Assert.Equal(5, first.Changed.Count);
        Assert.All(first.Changed, change => Assert.Null(change.PreviousStatus));
        var version = store.Version.Current;
        store.Saves.Clear();

        // Same instants with sub-millisecond noise and another offset: what the store keeps is equal.
        var again = runs.Select(run => run with
        {
            CreatedAt = run.CreatedAt.ToOffset(TimeSpan.FromHours(2)).AddTicks(1234),
            Parameters = new Dictionary<string, string>(run.Parameters),
        }).ToArray();
        var second = await store.Sync.UpsertRunsAsync("acme", again, Ct);

        Assert.False(second.Any);
        Assert.Equal(version, store.Version.Current);
        Assert.NotEmpty(store.Saves.Results);
        Assert.All(store.Saves.Results, rows => Assert.Equal(0, rows));
    }

    [Fact]
    public async Task Large_batches_are_looked_up_in_chunks_and_stay_idempotent()
    {
        await using var store = await StoreWithPipelineAsync();
        var key = new PipelineKey("acme", "ci");
        var runs = Enumerable.Range(1, 1_234).Select(i => Sample.Run(key, $"r{i}", i)).ToArray();

        Assert.Equal(1_234, (await store.Sync.UpsertRunsAsync("acme", runs, Ct)).Changed.Count);
        var version = store.Version.Current;
        Assert.False((await store.Sync.UpsertRunsAsync("acme", runs, Ct)).Any);
        var changed = await store.Sync.UpsertRunsAsync("acme", [.. runs.Select(run => run.Number % 600 == 0 ? run with { Title = "changed" } : run)], Ct);

        Assert.Equal(["r600", "r1200"], changed.Changed.Select(change => change.Run.NativeId));
        Assert.True(store.Version.Current > version);
        Assert.Equal(1_234, store.Scalar("SELECT COUNT(*) FROM runs"));
    }

    [Fact]
    public async Task A_batch_that_names_a_run_twice_keeps_the_last()
    {
        await using var store = await StoreWithPipelineAsync();
        var key = new PipelineKey("acme", "ci");

        var changes = await store.Sync.UpsertRunsAsync("acme", [Sample.Run(key, "r1", 1, RunStatus.Running), Sample.Run(key, "r1", 1, RunStatus.Failed)], Ct);

        Assert.Equal(RunStatus.Failed, Assert.Single(changes.Changed).Run.Status);
        Assert.Equal(RunStatus.Failed, (await store.Reader.FindRunAsync(key, "r1", Ct))!.Run.Status);
    }

    [Fact]
    public async Task A_changed_run_is_reported_with_its_previous_status()
    {
        await using var store = await StoreWithPipelineAsync();
        var key = new PipelineKey("acme", "ci");
        var running = Sample.Run(key, "r1", 1, RunStatus.Running);
        var other = Sample.Run(key, "r2", 2);
        await store.Sync.UpsertRunsAsync("acme", [running, other], Ct);
        var version = store.Version.Current;

        var failed = Sample.Run(key, "r1", 1, RunStatus.Failed, createdAt: running.CreatedAt);
        var fresh = Sample.Run(key, "r3", 3, RunStatus.Queued);
        var changes = await store.Sync.UpsertRunsAsync("acme", [failed, other, fresh], Ct);

        Assert.Collection(
            changes.Changed,
            change =>
            {
                Assert.Equal("r1", change.Run.NativeId);
                Assert.Equal(RunStatus.Failed, change.Run.Status);
                Assert.Equal(RunStatus.Running, change.PreviousStatus);
            },
            change =>
            {
                Assert.Equal("r3", change.Run.NativeId);
                Assert.Null(change.PreviousStatus);
            });
        Assert.True(store.Version.Current > version);
        Assert.Equal(RunStatus.Failed, (await store.Reader.FindRunAsync(key, "r1", Ct))!.Run.Status);
    }

    [Fact]
    public async Task Runs_round_trip_every_field()
    {
        await using var store = await StoreWithPipelineAsync();
        var key = new PipelineKey("acme", "ci");
        var run = Sample.Run(key, "r1", 42);
        var bare = new Run(key, "r2", 43, 2, RunStatus.Queued, "queued", null, null, null, null, null, Sample.T0, null, null, null, null, Run.NoParameters);
        await store.Sync.UpsertRunsAsync("acme", [run, bare], Ct);

        var stored = (await store.Reader.FindRunAsync(key, "r1", Ct))!.Run;
        Assert.Equal(run.Parameters, stored.Parameters);
        Assert.Equal(run with { Parameters = stored.Parameters }, stored);
        var storedBare = (await store.Reader.FindRunAsync(key, "r2", Ct))!.Run;
        Assert.Empty(storedBare.Parameters);
        Assert.Equal(bare with { Parameters = storedBare.Parameters }, storedBare);
    }

    [Fact]
    public async Task Runs_of_pipelines_that_are_not_stored_are_ignored()
    {
        await using var store = await StoreWithPipelineAsync();
        var known = Sample.Run(new PipelineKey("acme", "ci"), "r1", 1);
        var unknownPipeline = Sample.Run(new PipelineKey("acme", "nope"), "r2", 2);
        var otherInstance = Sample.Run(new PipelineKey("other", "ci"), "r3", 3);

        var changes = await store.Sync.UpsertRunsAsync("acme", [known, unknownPipeline, otherInstance], Ct);

        Assert.Equal(["r1"], changes.Changed.Select(change => change.Run.NativeId));
        Assert.Equal(1, store.Scalar("SELECT COUNT(*) FROM runs"));
        Assert.False((await store.Sync.UpsertRunsAsync("acme", [unknownPipeline], Ct)).Any);
    }

    [Fact]
    public async Task Jobs_and_steps_are_replaced_by_natural_key()
    {
        await using var store = await StoreWithPipelineAsync();
        var key = new PipelineKey("acme", "ci");
        await store.Sync.UpsertRunsAsync("acme", [Sample.Run(key, "r1", 1)], Ct);
        Job[] jobs =
        [
            Sample.Job("j1", "build", RunStatus.Succeeded, Sample.Step(1, "checkout"), Sample.Step(2, "compile"), Sample.Step(3, "upload")),
            Sample.Job("j2", "test", RunStatus.Failed, Sample.Step(1, "checkout"), Sample.Step(2, "test", RunStatus.Failed)),
        ];

        Assert.True(await store.Sync.ReplaceJobsAsync(key, "r1", jobs, Ct));
        var version = store.Version.Current;
        store.Saves.Clear();

        Assert.False(await store.Sync.ReplaceJobsAsync(key, "r1", jobs, Ct));
        Assert.Equal(version, store.Version.Current);
        Assert.NotEmpty(store.Saves.Results);
        Assert.All(store.Saves.Results, rows => Assert.Equal(0, rows));

        // Upstream: the upload step vanished, the test job vanished, a lint job appeared first.
        Job[] next =
        [
            Sample.Job("j3", "lint", RunStatus.Succeeded),
            Sample.Job("j1", "build", RunStatus.Succeeded, Sample.Step(1, "checkout"), Sample.Step(2, "compile")),
        ];
        Assert.True(await store.Sync.ReplaceJobsAsync(key, "r1", next, Ct));

        Assert.True(store.Version.Current > version);
        var detail = (await store.Reader.FindRunAsync(key, "r1", Ct))!;
        Assert.Equal(["j3", "j1"], detail.Jobs.Select(job => job.NativeId));
        Assert.Equal(["checkout", "compile"], detail.Jobs[1].Steps.Select(step => step.Name));
        Assert.Equal(next[1] with { Steps = detail.Jobs[1].Steps }, detail.Jobs[1]);
        Assert.Equal(next[1].Steps, detail.Jobs[1].Steps);
        Assert.Equal(2, store.Scalar("SELECT COUNT(*) FROM steps"));
        Assert.Equal(1, store.Scalar("SELECT COUNT(*) FROM jobs WHERE native_id = 'j1' AND ordinal = 1"));

        Assert.True(await store.Sync.ReplaceJobsAsync(key, "r1", [], Ct));
        Assert.Empty((await store.Reader.FindRunAsync(key, "r1", Ct))!.Jobs);
        Assert.Equal(0, store.Scalar("SELECT COUNT(*) FROM steps"));
    }

    [Fact]
    public async Task Jobs_of_an_unknown_run_are_not_stored()
    {
        await using var store = await StoreWithPipelineAsync();
        var key = new PipelineKey("acme", "ci");
        await store.Sync.UpsertRunsAsync("acme", [Sample.Run(key, "r1", 1)], Ct);
        var jobs = new[] { Sample.Job("j1", "build", RunStatus.Succeeded) };

        Assert.False(await store.Sync.ReplaceJobsAsync(key, "nope", jobs, Ct));
        Assert.False(await store.Sync.ReplaceJobsAsync(new PipelineKey("acme", "other"), "r1", jobs, Ct));
        Assert.Equal(0, store.Scalar("SELECT COUNT(*) FROM jobs"));
    }

    [Fact]
    public async Task Runs_need_jobs_until_their_jobs_match_their_state_and_while_they_are_active()
    {
        await using var store = await StoreWithPipelineAsync();
        var key = new PipelineKey("acme", "ci");
        var finished = Sample.Run(key, "r1", 1, RunStatus.Succeeded);
        var running = Sample.Run(key, "r2", 2, RunStatus.Running);
        var queued = Sample.Run(key, "r3", 3, RunStatus.Queued);
        await store.Sync.UpsertRunsAsync("acme", [finished, running, queued], Ct);

        // New runs all need jobs, newest first; the limit keeps the newest.
        Assert.Equal(["r3", "r2", "r1"], await NeedingJobsAsync(store, 10));
        Assert.Equal(["r3", "r2"], await NeedingJobsAsync(store, 2));
        Assert.Empty(await NeedingJobsAsync(store, 0));

        foreach (var run in new[] { finished, running, queued })
        {
            await store.Sync.ReplaceJobsAsync(key, run.NativeId, [Sample.Job("j", "build", run.Status)], Ct);
        }

        // Stored for their state: only the active ones still need a look.
        Assert.Equal(["r3", "r2"], await NeedingJobsAsync(store, 10));

        // A finished run whose update time moved (re-run) needs its jobs again, and only until stored.
        var rerun = finished with { Attempt = 2, UpdatedAt = finished.UpdatedAt!.Value.AddMinutes(30) };
        await store.Sync.UpsertRunsAsync("acme", [rerun], Ct);
        Assert.Equal(["r3", "r2", "r1"], await NeedingJobsAsync(store, 10));
        await store.Sync.ReplaceJobsAsync(key, "r1", [Sample.Job("j", "build", RunStatus.Succeeded)], Ct);
        Assert.Equal(["r3", "r2"], await NeedingJobsAsync(store, 10));

        // A status change alone (same update time) counts too.
        await store.Sync.UpsertRunsAsync("acme", [finished with { Status = RunStatus.Failed, UpdatedAt = rerun.UpdatedAt }], Ct);
        Assert.Contains("r1", await NeedingJobsAsync(store, 10));

        // Runs of other instances never show up.
        Assert.Empty(await store.Sync.ListRunsNeedingJobsAsync("other", 10, Ct));
    }

    [Fact]
    public async Task A_run_without_an_update_time_is_matched_by_its_status()
    {
        await using var store = await StoreWithPipelineAsync();
        var key = new PipelineKey("acme", "ci");
        var run = Sample.Run(key, "r1", 1) with { UpdatedAt = null };
        await store.Sync.UpsertRunsAsync("acme", [run], Ct);
        Assert.Equal(["r1"], await NeedingJobsAsync(store, 10));

        await store.Sync.ReplaceJobsAsync(key, "r1", [], Ct);

        Assert.Empty(await NeedingJobsAsync(store, 10));
    }

    private static async Task<string[]> NeedingJobsAsync(TestStore store, int limit) =>
        [.. (await store.Sync.ListRunsNeedingJobsAsync("acme", limit, Ct)).Select(run => run.NativeId)];

    internal static async Task<TestStore> StoreWithPipelineAsync()
    {
        var store = await TestStore.CreateAsync();
        await store.Instances.AddAsync(Sample.Instance(), Ct);
        await store.Sync.ReplacePipelinesAsync("acme", [Sample.Pipeline("acme", "ci")], Ct);
        return store;
    }

    [Fact]
    public async Task One_job_from_a_webhook_is_upserted_and_reported_only_when_it_changed()
    {
        await using var store = await StoreWithPipelineAsync();
        var key = new PipelineKey("acme", "ci");
        await store.Sync.UpsertRunsAsync("acme", [Sample.Run(key, "r1", 1, RunStatus.Running)], Ct);
        await store.Sync.ReplaceJobsAsync(key, "r1", [Sample.Job("j1", "build", RunStatus.Running, Sample.Step(1, "checkout"))], Ct);

        var started = Sample.Job("j2", "test", RunStatus.Running, Sample.Step(1, "checkout", RunStatus.Running));
        var run = await store.Sync.UpsertJobAsync("acme", "r1", started, Ct);
        Assert.Equal("r1", run!.NativeId);
        Assert.Equal(key, run.Pipeline);
        Assert.Null(await store.Sync.UpsertJobAsync("acme", "r1", started, Ct));

        var finished = Sample.Job("j2", "test", RunStatus.Succeeded, Sample.Step(1, "checkout"), Sample.Step(2, "test"));
        Assert.NotNull(await store.Sync.UpsertJobAsync("acme", "r1", finished, Ct));
        var detail = (await store.Reader.FindRunAsync(key, "r1", Ct))!;
        Assert.Equal(["j1", "j2"], detail.Jobs.Select(job => job.NativeId));
        Assert.Equal(RunStatus.Succeeded, detail.Jobs[1].Status);
        Assert.Equal(2, detail.Jobs[1].Steps.Count);
        Assert.Null(await store.Sync.UpsertJobAsync("acme", "no-such-run", finished, Ct));
        Assert.Null(await store.Sync.UpsertJobAsync("acme", "r1", started, Ct));
        Assert.Equal(RunStatus.Succeeded, (await store.Reader.FindRunAsync(key, "r1", Ct))!.Jobs[1].Status);
    }

    [Fact]
    public async Task A_run_older_than_the_stored_one_does_not_turn_it_back()
    {
        await using var store = await StoreWithPipelineAsync();
        var key = new PipelineKey("acme", "ci");
        var created = Sample.T0;
        var completed = Sample.Run(key, "r1", 1, RunStatus.Failed, created, created.AddMinutes(5));
        var stale = Sample.Run(key, "r1", 1, RunStatus.Running, created, created.AddMinutes(1));
        await store.Sync.UpsertRunsAsync("acme", [completed], Ct);

        var changes = await store.Sync.UpsertRunsAsync("acme", [stale], Ct);

        Assert.Empty(changes.Changed);
        Assert.Equal(RunStatus.Failed, (await store.Reader.FindRunAsync(key, "r1", Ct))!.Run.Status);
    }

    [Fact]
    public async Task Parameters_recorded_for_a_run_survive_a_poll_that_reports_none()
    {
        await using var store = await StoreWithPipelineAsync();
        var key = new PipelineKey("acme", "ci");
        var triggered = Sample.Run(key, "r1", 1, RunStatus.Queued) with { Parameters = new Dictionary<string, string> { ["environment"] = "staging" } };
        await store.Sync.UpsertRunsAsync("acme", [triggered], Ct);

        await store.Sync.UpsertRunsAsync("acme", [triggered with { Status = RunStatus.Running, Parameters = Run.NoParameters, UpdatedAt = triggered.UpdatedAt!.Value.AddMinutes(1) }], Ct);

        var stored = (await store.Reader.FindRunAsync(key, "r1", Ct))!.Run;
        Assert.Equal(RunStatus.Running, stored.Status);
        Assert.Equal("staging", stored.Parameters["environment"]);
    }
}
