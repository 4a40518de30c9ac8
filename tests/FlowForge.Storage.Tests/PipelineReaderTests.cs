using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;
using FlowForge.Storage.Tests.Infrastructure;

namespace FlowForge.Storage.Tests;

public sealed class PipelineReaderTests
{
    private static readonly PipelineKey Ci = new("acme", "ci");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Summaries_carry_each_pipelines_latest_run()
    {
        await using var store = await SyncStoreTests.StoreWithPipelineAsync();
        var deploy = Sample.Pipeline("acme", "deploy");
        var idle = Sample.Pipeline("acme", "idle");
        await store.Sync.ReplacePipelinesAsync("acme", [Sample.Pipeline("acme", "ci"), deploy, idle], Ct);
        var tie = Sample.T0.AddHours(1);
        await store.Sync.UpsertRunsAsync(
            "acme",
            [
                Sample.Run(Ci, "c1", 1, createdAt: Sample.T0),
                Sample.Run(Ci, "c3", 3, RunStatus.Running, createdAt: Sample.T0.AddMinutes(30)),
                Sample.Run(Ci, "c2", 2, createdAt: Sample.T0.AddMinutes(10)),

                // Same creation time: the higher number wins, whatever the insertion order.
                Sample.Run(deploy.Key, "d9", 9, createdAt: tie),
                Sample.Run(deploy.Key, "d7", 7, createdAt: tie),
                Sample.Run(deploy.Key, "d8", 8, createdAt: tie),
            ],
            Ct);

        var summaries = (await store.Reader.ListPipelineSummariesAsync(Ct)).ToDictionary(summary => summary.Pipeline.Key.NativeId);

        Assert.Equal(3, summaries.Count);
        Assert.Equal("c3", summaries["ci"].LatestRun?.NativeId);
        Assert.Equal(RunStatus.Running, summaries["ci"].LatestRun?.Status);
        Assert.Equal(Ci, summaries["ci"].LatestRun?.Pipeline);
        Assert.Equal("d9", summaries["deploy"].LatestRun?.NativeId);
        Assert.Null(summaries["idle"].LatestRun);
        Assert.Equal(idle.Extras, summaries["idle"].Pipeline.Extras);
        Assert.Equal(idle with { Extras = summaries["idle"].Pipeline.Extras }, summaries["idle"].Pipeline);
    }

    [Fact]
    public async Task Runs_page_newest_first_across_cursors_without_gaps_or_duplicates()
    {
        await using var store = await SyncStoreTests.StoreWithPipelineAsync();

        // 23 runs, several sharing a creation time, inserted out of order.
        var runs = Enumerable.Range(1, 23)
            .Select(i => Sample.Run(Ci, $"r{i}", i, createdAt: Sample.T0.AddMinutes(i / 3)))
            .OrderBy(run => run.NativeId.GetHashCode(StringComparison.Ordinal))
            .ToArray();
        await store.Sync.UpsertRunsAsync("acme", runs, Ct);

        var seen = await ReadAllAsync(store, new RunQuery(5, null, null, null));

        Assert.Equal(23, seen.Count);
        Assert.Equal(23, seen.Select(run => run.NativeId).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(run => run.CreatedAt).Select(run => run.CreatedAt), seen.Select(run => run.CreatedAt));
        Assert.True(seen[0].NativeId is "r21" or "r22" or "r23");
        Assert.True(seen[^1].NativeId is "r1" or "r2");

        // Paged, the runs come in exactly the order of one big page.
        var whole = await store.Reader.ListRunsAsync(Ci, new RunQuery(200, null, null, null), Ct);
        Assert.Null(whole.NextCursor);
        Assert.Equal(whole.Runs.Select(run => run.NativeId), seen.Select(run => run.NativeId));
    }

    [Fact]
    public async Task Runs_filter_by_status_and_branch_while_paging()
    {
        await using var store = await SyncStoreTests.StoreWithPipelineAsync();
        var runs = Enumerable.Range(1, 30)
            .Select(i => Sample.Run(Ci, $"r{i}", i, i % 3 == 0 ? RunStatus.Failed : RunStatus.Succeeded, branch: i % 2 == 0 ? "main" : "feature/x"))
            .ToArray();
        await store.Sync.UpsertRunsAsync("acme", runs, Ct);

        var failed = await ReadAllAsync(store, new RunQuery(3, null, RunStatus.Failed, null));
        var featureFailed = await ReadAllAsync(store, new RunQuery(2, null, RunStatus.Failed, "feature/x"));
        var main = await ReadAllAsync(store, new RunQuery(4, null, null, "main"));

        Assert.Equal(runs.Where(run => run.Status == RunStatus.Failed).Select(run => run.NativeId).Reverse(), failed.Select(run => run.NativeId));
        Assert.Equal(["r27", "r21", "r15", "r9", "r3"], featureFailed.Select(run => run.NativeId));
        Assert.Equal(15, main.Count);
        Assert.All(main, run => Assert.Equal("main", run.Branch));
        Assert.Empty((await store.Reader.ListRunsAsync(Ci, new RunQuery(10, null, RunStatus.Canceling, null), Ct)).Runs);
    }

    [Fact]
    public async Task Runs_filter_by_actor_ignoring_case_and_by_creation_time_while_paging()
    {
        await using var store = await SyncStoreTests.StoreWithPipelineAsync();
        var runs = Enumerable.Range(1, 30)
            .Select(i => Sample.Run(Ci, $"r{i}", i, createdAt: Sample.T0.AddHours(i)) with { Actor = i % 3 == 0 ? "Mona-Lisa" : "octocat" })
            .Append(Sample.Run(Ci, "nobody", 31, createdAt: Sample.T0.AddHours(31)) with { Actor = null })
            .ToArray();
        await store.Sync.UpsertRunsAsync("acme", runs, Ct);

        var mona = await ReadAllAsync(store, new RunQuery(4, null, null, null, Actor: "mona-lisa"));
        var window = await ReadAllAsync(store, new RunQuery(3, null, null, null, Since: Sample.T0.AddHours(10), Until: Sample.T0.AddHours(20)));
        var monaSince = await ReadAllAsync(store, new RunQuery(2, null, null, null, Actor: "MONA-LISA", Since: Sample.T0.AddHours(25)));

        Assert.Equal(10, mona.Count);
        Assert.All(mona, run => Assert.Equal("Mona-Lisa", run.Actor));

        // Since is inclusive and until exclusive, so adjacent ranges neither overlap nor leave a gap.
        Assert.Equal(Enumerable.Range(10, 10).Reverse().Select(i => $"r{i}"), window.Select(run => run.NativeId));
        Assert.Equal(["r30", "r27"], monaSince.Select(run => run.NativeId));
        Assert.Empty((await store.Reader.ListRunsAsync(Ci, new RunQuery(10, null, null, null, Actor: "nobody"), Ct)).Runs);
        Assert.Empty((await store.Reader.ListRunsAsync(Ci, new RunQuery(10, null, null, null, Since: Sample.T0.AddDays(30)), Ct)).Runs);
    }

    [Fact]
    public async Task Page_size_is_clamped_between_1_and_200()
    {
        await using var store = await SyncStoreTests.StoreWithPipelineAsync();
        await store.Sync.UpsertRunsAsync("acme", [.. Enumerable.Range(1, 205).Select(i => Sample.Run(Ci, $"r{i}", i))], Ct);

        var tiny = await store.Reader.ListRunsAsync(Ci, new RunQuery(0, null, null, null), Ct);
        var huge = await store.Reader.ListRunsAsync(Ci, new RunQuery(10_000, null, null, null), Ct);

        Assert.Single(tiny.Runs);
        Assert.NotNull(tiny.NextCursor);
        Assert.Equal(200, huge.Runs.Count);
        Assert.NotNull(huge.NextCursor);
        var rest = await store.Reader.ListRunsAsync(Ci, new RunQuery(200, huge.NextCursor, null, null), Ct);
        Assert.Equal(["r5", "r4", "r3", "r2", "r1"], rest.Runs.Select(run => run.NativeId));
        Assert.Null(rest.NextCursor);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("")]
    [InlineData("eyJ4IjoxfQ")]
    [InlineData("cjE6MTc2")]
    [InlineData("cjE6OTk5OTk5OTk5OTk5OTk5OTk5OjE")]
    [InlineData("cjE6MTIzOi01")]
    public async Task An_invalid_cursor_is_refused_with_a_message_for_the_user(string cursor)
    {
        await using var store = await SyncStoreTests.StoreWithPipelineAsync();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => store.Reader.ListRunsAsync(Ci, new RunQuery(10, cursor, null, null), Ct));

        Assert.Equal("The cursor is not valid.", exception.Message);
    }

    [Fact]
    public async Task Runs_of_an_unknown_pipeline_are_an_empty_page()
    {
        await using var store = await SyncStoreTests.StoreWithPipelineAsync();

        var page = await store.Reader.ListRunsAsync(new PipelineKey("acme", "nope"), new RunQuery(10, null, null, null), Ct);

        Assert.Empty(page.Runs);
        Assert.Null(page.NextCursor);
        Assert.Null(await store.Reader.FindPipelineAsync(new PipelineKey("acme", "nope"), Ct));
        Assert.Null(await store.Reader.FindRunAsync(new PipelineKey("acme", "nope"), "r1", Ct));
    }

    [Fact]
    public async Task A_run_reads_back_with_its_jobs_in_order_and_their_steps()
    {
        await using var store = await SyncStoreTests.StoreWithPipelineAsync();
        var run = Sample.Run(Ci, "r1", 1);
        await store.Sync.UpsertRunsAsync("acme", [run], Ct);
        Job[] jobs =
        [
            Sample.Job("zz", "first", RunStatus.Succeeded, Sample.Step(2, "b"), Sample.Step(1, "a")),
            Sample.Job("aa", "second", RunStatus.Skipped),
        ];
        await store.Sync.ReplaceJobsAsync(Ci, "r1", jobs, Ct);

        var detail = await store.Reader.FindRunAsync(Ci, "r1", Ct);

        Assert.NotNull(detail);
        Assert.Equal("r1", detail.Run.NativeId);
        Assert.Equal(["zz", "aa"], detail.Jobs.Select(job => job.NativeId));
        Assert.Equal([1, 2], detail.Jobs[0].Steps.Select(step => step.Number));
        Assert.Equal(jobs[1] with { Steps = detail.Jobs[1].Steps }, detail.Jobs[1]);
    }

    [Fact]
    public async Task Job_logs_are_saved_replaced_and_found()
    {
        await using var store = await SyncStoreTests.StoreWithPipelineAsync();
        await store.Sync.UpsertRunsAsync("acme", [Sample.Run(Ci, "r1", 1)], Ct);
        await store.Sync.ReplaceJobsAsync(Ci, "r1", [Sample.Job("j1", "build", RunStatus.Succeeded)], Ct);
        Assert.Null(await store.Reader.FindJobLogAsync(Ci, "r1", "j1", Ct));
        var version = store.Version.Current;

        await store.Reader.SaveJobLogAsync(Ci, "r1", "j1", new JobLog("line 1\n", false), Ct);
        Assert.Equal(new JobLog("line 1\n", false), await store.Reader.FindJobLogAsync(Ci, "r1", "j1", Ct));

        var full = new JobLog(string.Concat(Enumerable.Repeat("a line of output\n", 10_000)), true);
        await store.Reader.SaveJobLogAsync(Ci, "r1", "j1", full, Ct);
        Assert.Equal(full, await store.Reader.FindJobLogAsync(Ci, "r1", "j1", Ct));
        Assert.Equal(version, store.Version.Current);

        // Keys that lead nowhere find nothing and keep nothing.
        await store.Reader.SaveJobLogAsync(Ci, "r1", "nope", full, Ct);
        await store.Reader.SaveJobLogAsync(new PipelineKey("acme", "other"), "r1", "j1", full, Ct);
        Assert.Null(await store.Reader.FindJobLogAsync(Ci, "r1", "nope", Ct));
        Assert.Null(await store.Reader.FindJobLogAsync(new PipelineKey("acme", "other"), "r1", "j1", Ct));
        Assert.Equal(1, store.Scalar("SELECT COUNT(*) FROM job_logs"));

        // A job that vanishes upstream takes its log with it.
        await store.Sync.ReplaceJobsAsync(Ci, "r1", [], Ct);
        Assert.Equal(0, store.Scalar("SELECT COUNT(*) FROM job_logs"));
    }

    [Fact]
    public async Task A_status_name_this_build_does_not_know_reads_as_unknown()
    {
        await using var store = await SyncStoreTests.StoreWithPipelineAsync();
        await store.Sync.UpsertRunsAsync("acme", [Sample.Run(Ci, "r1", 1), Sample.Run(Ci, "r2", 2)], Ct);
        store.Execute("UPDATE runs SET status = 'TimedOutInTheFuture' WHERE native_id = 'r1'; UPDATE runs SET status = '5' WHERE native_id = 'r2';");

        Assert.Equal(RunStatus.Unknown, (await store.Reader.FindRunAsync(Ci, "r1", Ct))!.Run.Status);
        Assert.Equal(RunStatus.Unknown, (await store.Reader.FindRunAsync(Ci, "r2", Ct))!.Run.Status);
        Assert.All((await store.Reader.ListRunsAsync(Ci, new RunQuery(10, null, null, null), Ct)).Runs, run => Assert.Equal(RunStatus.Unknown, run.Status));
    }

    [Fact]
    public async Task Times_are_stored_as_unix_milliseconds_and_statuses_as_names()
    {
        await using var store = await SyncStoreTests.StoreWithPipelineAsync();
        await store.Sync.UpsertRunsAsync("acme", [Sample.Run(Ci, "r1", 1, RunStatus.SucceededWithWarnings)], Ct);

        using var connection = store.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(created_at), created_at, status FROM runs";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("integer", reader.GetString(0));
        Assert.Equal(Sample.T0.AddMinutes(1).ToUnixTimeMilliseconds(), reader.GetInt64(1));
        Assert.Equal("SucceededWithWarnings", reader.GetString(2));
    }

    private static async Task<List<Run>> ReadAllAsync(TestStore store, RunQuery query)
    {
        var all = new List<Run>();
        var cursor = query.Cursor;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await store.Reader.ListRunsAsync(Ci, query with { Cursor = cursor }, Ct);
            Assert.True(page.Runs.Count <= Math.Max(1, query.Limit));
            all.AddRange(page.Runs);
            if (page.NextCursor is null)
            {
                return all;
            }

            Assert.NotEmpty(page.Runs);
            cursor = page.NextCursor;
        }

        throw new InvalidOperationException("Paging did not end.");
    }
}
