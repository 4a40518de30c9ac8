using System.Diagnostics;
using FlowForge.Abstractions.Domain;
using FlowForge.Storage.Repositories;
using FlowForge.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FlowForge.Storage.Tests;

/// <summary>
/// The dashboard's queries at the design's scale (1,000 pipelines, 100,000 runs), checked on SQLite's query
/// plan rather than on a timer: summaries seek one index entry per pipeline, run pages read an index range.
/// </summary>
public sealed class QueryPlanTests(QueryPlanTests.SeededStore fixture) : IClassFixture<QueryPlanTests.SeededStore>
{
    private const int Pipelines = 1_000;
    private const int RunsPerPipeline = 100;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Summaries_seek_the_latest_run_per_pipeline_by_index()
    {
        var store = fixture.Store;

        await using var context = store.CreateContext();
        var sql = PipelineReader.SummariesQuery(context).ToQueryString();
        var plan = QueryPlan.Explain(store, sql);
        TestContext.Current.SendDiagnosticMessage($"SQL:\n{sql}\nPlan:\n{string.Join('\n', plan)}");

        Assert.Contains(plan, line => line.Contains("ix_runs_pipeline_created", StringComparison.Ordinal) && line.Contains("SEARCH", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("SCAN r", StringComparison.Ordinal) && !line.Contains("COVERING", StringComparison.Ordinal) && line.Contains("runs", StringComparison.Ordinal));

        var watch = Stopwatch.StartNew();
        var summaries = await store.Reader.ListPipelineSummariesAsync(Ct);
        TestContext.Current.SendDiagnosticMessage($"{summaries.Count} summaries in {watch.ElapsedMilliseconds} ms");

        Assert.Equal(Pipelines, summaries.Count);
        Assert.All(summaries, summary => Assert.Equal($"{summary.Pipeline.Key.NativeId}-r{RunsPerPipeline - 1}", summary.LatestRun?.NativeId));
    }

    [Fact]
    public async Task A_page_of_runs_is_an_index_range_in_index_order()
    {
        var store = fixture.Store;

        await using var context = store.CreateContext();
        var cursor = new RunCursor(1_790_000_000_000L + (50 * 60_000L) + 7, 123);
        var sql = PipelineReader.RunsPageQuery(context, 7, null, null, cursor, 51).ToQueryString();
        var plan = QueryPlan.Explain(store, sql);
        TestContext.Current.SendDiagnosticMessage($"SQL:\n{sql}\nPlan:\n{string.Join('\n', plan)}");

        var search = Assert.Single(plan);
        Assert.Contains("SEARCH r USING INDEX ix_runs_pipeline_created (pipeline_id=?", search, StringComparison.Ordinal);
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));

        var page = await store.Reader.ListRunsAsync(new PipelineKey("acme", "p7"), new(50, cursor.Encode(), null, null), Ct);
        Assert.Equal("p7-r49", page.Runs[0].NativeId);
    }

    [Fact]
    public void A_page_of_runs_in_a_time_range_narrows_the_same_index_range()
    {
        var store = fixture.Store;

        using var context = store.CreateContext();
        var since = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000L);
        var sql = PipelineReader.RunsPageQuery(context, 7, null, null, null, 51, actor: "octocat", since: since, until: since.AddHours(1)).ToQueryString();
        var plan = QueryPlan.Explain(store, sql);
        TestContext.Current.SendDiagnosticMessage($"SQL:\n{sql}\nPlan:\n{string.Join('\n', plan)}");

        var search = Assert.Single(plan);
        Assert.Contains("SEARCH r USING INDEX ix_runs_pipeline_created (pipeline_id=? AND created_at>? AND created_at<?)", search, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_needing_jobs_are_found_among_the_instances_runs()
    {
        var store = fixture.Store;
        store.Execute("UPDATE runs SET jobs_synced_for_status = status, jobs_synced_for_updated_at = updated_at; UPDATE runs SET status = 'Running' WHERE native_id = 'p3-r5'");

        await using var context = store.CreateContext();
        var sql = SyncStore.NeedingJobsQuery(context, "acme", 50).ToQueryString();
        TestContext.Current.SendDiagnosticMessage($"SQL:\n{sql}\nPlan:\n{string.Join('\n', QueryPlan.Explain(store, sql))}");

        var watch = Stopwatch.StartNew();
        var needing = await store.Sync.ListRunsNeedingJobsAsync("acme", 50, Ct);
        TestContext.Current.SendDiagnosticMessage($"{needing.Count} runs needing jobs in {watch.ElapsedMilliseconds} ms");

        Assert.Equal("p3-r5", Assert.Single(needing).NativeId);
    }

    [Fact]
    public async Task A_run_and_a_job_log_are_found_by_index_seeks_only()
    {
        var store = fixture.Store;
        var key = new PipelineKey("acme", "p7");

        await using var context = store.CreateContext();
        var plans = new[]
        {
            PipelineReader.JobsQuery(context, 4_242).ToQueryString(),
            PipelineReader.JobLogQuery(context, key, "p7-r3", "j1").ToQueryString(),
            PipelineReader.JobIdQuery(context, key, "p7-r3", "j1").ToQueryString(),
        }.Select(sql => QueryPlan.Explain(store, sql)).ToList();
        TestContext.Current.SendDiagnosticMessage(string.Join("\n\n", plans.Select(plan => string.Join('\n', plan))));

        // Seeks only (sorting one run's few jobs is fine): no SCAN of a table, no MATERIALIZE of a subquery.
        Assert.All(
            plans.SelectMany(plan => plan),
            line => Assert.True(line.StartsWith("SEARCH", StringComparison.Ordinal) || line == "USE TEMP B-TREE FOR ORDER BY", line));

        var detail = await store.Reader.FindRunAsync(key, "p7-r3", Ct);
        Assert.Equal(["checkout", "build"], Assert.Single(detail!.Jobs).Steps.Select(step => step.Name));
        await store.Reader.SaveJobLogAsync(key, "p7-r3", "j1", new JobLog("ok", true), Ct);
        Assert.Equal(new JobLog("ok", true), await store.Reader.FindJobLogAsync(key, "p7-r3", "j1", Ct));
    }

    /// <summary>One store seeded at scale for the whole class; the tests only read, or touch rows no other test asserts on.</summary>
    public sealed class SeededStore : IAsyncLifetime
    {
        internal TestStore Store { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Store = await TestStore.CreateAsync();
            Seed(Store);
        }

        public async ValueTask DisposeAsync() => await Store.DisposeAsync();
    }

    private static void Seed(TestStore store)
    {
        using var connection = store.OpenRaw();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO instances (id, kind, display_name, settings, secret_references, refresh_interval_seconds, watch_all,
                    watched_sources, created_at, updated_at, health_state, consecutive_failures)
                VALUES ('acme', 'github', 'Acme', '{}', '{}', 60, 1, '[]', 0, 0, 'Pending', 0)
                """;
            command.ExecuteNonQuery();
        }

        using (var pipeline = connection.CreateCommand())
        {
            pipeline.CommandText = "INSERT INTO pipelines (id, instance_id, native_id, name, repository, extras) VALUES ($id, 'acme', $native, $native, 'acme/repo', '{}')";
            var id = pipeline.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Integer);
            var native = pipeline.Parameters.Add("$native", Microsoft.Data.Sqlite.SqliteType.Text);
            for (var p = 1; p <= Pipelines; p++)
            {
                id.Value = p;
                native.Value = $"p{p}";
                pipeline.ExecuteNonQuery();
            }
        }

        using (var run = connection.CreateCommand())
        {
            run.CommandText = """
                INSERT INTO runs (pipeline_id, instance_id, native_id, number, attempt, status, provider_status, created_at, parameters)
                VALUES ($pipeline, 'acme', $native, $number, 1, 'Succeeded', 'completed', $created, '{}')
                """;
            var pipelineId = run.Parameters.Add("$pipeline", Microsoft.Data.Sqlite.SqliteType.Integer);
            var native = run.Parameters.Add("$native", Microsoft.Data.Sqlite.SqliteType.Text);
            var number = run.Parameters.Add("$number", Microsoft.Data.Sqlite.SqliteType.Integer);
            var created = run.Parameters.Add("$created", Microsoft.Data.Sqlite.SqliteType.Integer);

            // Interleaved across pipelines, as a real history would be.
            for (var r = 0; r < RunsPerPipeline; r++)
            {
                for (var p = 1; p <= Pipelines; p++)
                {
                    pipelineId.Value = p;
                    native.Value = $"p{p}-r{r}";
                    number.Value = r;
                    created.Value = 1_790_000_000_000L + (r * 60_000L) + p;
                    run.ExecuteNonQuery();
                }
            }
        }

        using (var jobs = connection.CreateCommand())
        {
            jobs.CommandText = """
                INSERT INTO jobs (run_id, native_id, ordinal, name, status, provider_status)
                SELECT id, 'j1', 0, 'build', 'Succeeded', 'success' FROM runs;
                INSERT INTO steps (job_id, number, name, status) SELECT id, 1, 'checkout', 'Succeeded' FROM jobs;
                INSERT INTO steps (job_id, number, name, status) SELECT id, 2, 'build', 'Succeeded' FROM jobs;
                """;
            jobs.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
