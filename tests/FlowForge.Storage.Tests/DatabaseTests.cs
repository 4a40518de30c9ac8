using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Persistence;
using FlowForge.Storage.Hosting;
using FlowForge.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowForge.Storage.Tests;

public sealed class DatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fresh_database_migrates_to_the_latest_schema_once()
    {
        using var directory = new TempDirectory();
        await using var store = TestStore.Open(directory.File("fresh.db"));

        var applied = await FlowForgeDatabase.MigrateAsync(store.Services, Ct);
        var again = await FlowForgeDatabase.MigrateAsync(store.Services, Ct);

        await using var context = store.CreateContext();
        Assert.Equal(context.Database.GetMigrations(), applied);
        Assert.Equal(4, applied.Count);
        Assert.EndsWith("_InitialSchema", applied[0], StringComparison.Ordinal);
        Assert.EndsWith("_JobLogsAndRateLimitHealth", applied[1], StringComparison.Ordinal);
        Assert.EndsWith("_AccessAndAudit", applied[2], StringComparison.Ordinal);
        Assert.EndsWith("_SecretChangedAt", applied[3], StringComparison.Ordinal);
        Assert.Empty(again);
        Assert.Empty(await context.Database.GetPendingMigrationsAsync(Ct));
        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task A_database_at_the_initial_schema_upgrades_without_losing_rows()
    {
        using var directory = new TempDirectory();
        var path = directory.File("old.db");

        // What an older FlowForge left behind: the first migration only, rows written at that schema.
        await using (var old = TestStore.Open(path))
        {
            await using var context = old.CreateContext();
            await context.GetService<IMigrator>().MigrateAsync("InitialSchema", Ct);
            old.Execute("""
                INSERT INTO instances (id, kind, display_name, settings, secret_references, refresh_interval_seconds, watch_all,
                    watched_sources, created_at, updated_at, health_state, last_sync_at, last_success_at, last_error, last_error_kind,
                    consecutive_failures)
                VALUES ('acme', 'github', 'Acme', '{"owners":"acme"}', '{"token":"env:ACME_TOKEN"}', 120, 0, '["acme/api"]',
                    1793534400000, 1793534460000, 'Healthy', 1793534500000, 1793534500000, NULL, NULL, 0);
                INSERT INTO pipelines (id, instance_id, native_id, name, repository, default_branch, web_url, file_path, extras)
                VALUES (1, 'acme', 'ci', 'CI', 'acme/api', 'main', 'https://github.com/acme/api', '.github/workflows/ci.yml', '{"workflowId":"7"}');
                INSERT INTO runs (id, pipeline_id, instance_id, native_id, number, attempt, status, provider_status, title, event, actor,
                    branch, commit_sha, commit_message, commit_author_name, commit_author_email, created_at, started_at, finished_at,
                    updated_at, web_url, parameters, jobs_synced_for_status, jobs_synced_for_updated_at)
                VALUES (1, 1, 'acme', 'r1', 1, 1, 'Succeeded', 'completed', 'Fix', 'push', 'mona', 'main', 'abc', 'Fix', 'Mona',
                    'mona@example.com', 1793534400000, 1793534410000, 1793534700000, 1793534700000, NULL, '{}', 'Succeeded', 1793534700000);
                INSERT INTO jobs (id, run_id, native_id, ordinal, name, status, provider_status, stage, runner, started_at, finished_at, web_url)
                VALUES (1, 1, 'j1', 0, 'build', 'Succeeded', 'success', NULL, 'ubuntu', 1793534410000, 1793534700000, NULL);
                INSERT INTO steps (id, job_id, number, name, status, started_at, finished_at)
                VALUES (1, 1, 1, 'checkout', 'Succeeded', 1793534410000, 1793534420000);
                """);
            Assert.Equal(0, old.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'job_logs'"));
        }

        await using var store = TestStore.Open(path);
        var applied = await FlowForgeDatabase.MigrateAsync(store.Services, Ct);

        Assert.Equal(3, applied.Count);
        Assert.EndsWith("_JobLogsAndRateLimitHealth", applied[0], StringComparison.Ordinal);
        Assert.EndsWith("_AccessAndAudit", applied[1], StringComparison.Ordinal);
        Assert.EndsWith("_SecretChangedAt", applied[2], StringComparison.Ordinal);
        var instance = await store.Instances.FindAsync("acme", Ct);
        Assert.NotNull(instance);
        Assert.Equal(TimeSpan.FromMinutes(2), instance.RefreshInterval);
        Assert.Equal(["acme/api"], instance.Watch.Sources);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1793534400000), instance.CreatedAt);
        var health = await store.Instances.GetHealthAsync("acme", Ct);
        Assert.Equal(HealthState.Healthy, health.State);
        Assert.Null(health.RateLimit);
        var key = new PipelineKey("acme", "ci");
        var summary = Assert.Single(await store.Reader.ListPipelineSummariesAsync(Ct));
        Assert.Equal("7", summary.Pipeline.Extras["workflowId"]);
        Assert.Equal("r1", summary.LatestRun?.NativeId);
        var detail = await store.Reader.FindRunAsync(key, "r1", Ct);
        Assert.Equal("checkout", Assert.Single(Assert.Single(detail!.Jobs).Steps).Name);
        Assert.Empty(await store.Sync.ListRunsNeedingJobsAsync("acme", 10, Ct));

        // The new columns and table work.
        var rateLimited = health with { RateLimit = new RateLimitSnapshot(5000, 12, Sample.T0.AddHours(1), "core", Sample.T0) };
        await store.Instances.SaveHealthAsync("acme", rateLimited, Ct);
        Assert.Equal(rateLimited, await store.Instances.GetHealthAsync("acme", Ct));
        await store.Reader.SaveJobLogAsync(key, "r1", "j1", new JobLog("done", true), Ct);
        Assert.Equal(new JobLog("done", true), await store.Reader.FindJobLogAsync(key, "r1", "j1", Ct));
    }

    [Fact]
    public async Task The_database_is_in_WAL_mode_with_foreign_keys_and_a_busy_timeout_on_every_connection()
    {
        await using var store = await TestStore.CreateAsync();

        Assert.Equal("wal", PragmaOnFreshConnection(store.DatabasePath, "journal_mode"));
        await using var context = store.CreateContext();
        await context.Database.OpenConnectionAsync(Ct);
        Assert.Equal(1L, await PragmaAsync(context, "foreign_keys"));
        Assert.Equal(5000L, await PragmaAsync(context, "busy_timeout"));
    }

    [Fact]
    public async Task Data_survives_closing_and_reopening_the_database()
    {
        using var directory = new TempDirectory();
        var path = directory.File("kept.db");
        var key = new PipelineKey("acme", "ci");
        await using (var first = TestStore.Open(path))
        {
            await FlowForgeDatabase.MigrateAsync(first.Services, Ct);
            await first.Instances.AddAsync(Sample.Instance(), Ct);
            await first.Sync.ReplacePipelinesAsync("acme", [Sample.Pipeline("acme", "ci")], Ct);
            await first.Sync.UpsertRunsAsync("acme", [Sample.Run(key, "r1", 1)], Ct);
        }

        await using var second = TestStore.Open(path);
        Assert.Empty(await FlowForgeDatabase.MigrateAsync(second.Services, Ct));
        Assert.NotNull(await second.Instances.FindAsync("acme", Ct));
        Assert.Equal("r1", Assert.Single((await second.Reader.ListRunsAsync(key, new RunQuery(10, null, null, null), Ct)).Runs).NativeId);
        Assert.Equal("wal", PragmaOnFreshConnection(path, "journal_mode"));
    }

    [Fact]
    public async Task The_hosted_migrator_creates_the_directory_and_logs_the_migrations_it_applied()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "nested", "deeper", "flowforge.db");
        await using var store = TestStore.Open(path);
        var hosted = store.Services.GetServices<IHostedService>().OfType<DatabaseMigrator>().Single();

        await ((IHostedLifecycleService)hosted).StartingAsync(Ct);
        await hosted.StartAsync(Ct);

        Assert.True(File.Exists(path));
        Assert.NotNull(await store.Instances.ListAsync(Ct));
        var migrated = Assert.Single(store.Logs.GetSnapshot(), record => record.Message.Contains("applied 4 migration(s)", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, migrated.Level);
        Assert.Contains("_InitialSchema, ", migrated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_sync_cycle_logs_no_warning()
    {
        await using var store = await TestStore.CreateAsync();
        var key = new PipelineKey("acme", "ci");
        await store.Instances.AddAsync(Sample.Instance(), Ct);
        await store.Sync.ReplacePipelinesAsync("acme", [Sample.Pipeline("acme", "ci")], Ct);
        await store.Sync.UpsertRunsAsync("acme", [Sample.Run(key, "r1", 1), Sample.Run(key, "r2", 2, RunStatus.Running)], Ct);
        foreach (var run in await store.Sync.ListRunsNeedingJobsAsync("acme", 10, Ct))
        {
            await store.Sync.ReplaceJobsAsync(key, run.NativeId, [Sample.Job("j1", "build", run.Status, Sample.Step(1, "a"))], Ct);
        }

        await store.Reader.SaveJobLogAsync(key, "r1", "j1", new JobLog("log", true), Ct);
        await store.Reader.FindJobLogAsync(key, "r1", "j1", Ct);
        await store.Reader.ListPipelineSummariesAsync(Ct);
        var page = await store.Reader.ListRunsAsync(key, new RunQuery(1, null, null, null), Ct);
        await store.Reader.ListRunsAsync(key, new RunQuery(1, page.NextCursor, RunStatus.Succeeded, "main"), Ct);
        await store.Reader.FindRunAsync(key, "r1", Ct);
        await store.Instances.SaveHealthAsync("acme", Sample.Health(), Ct);
        await store.Instances.ListAsync(Ct);
        await store.Instances.RemoveAsync("acme", Ct);

        var logs = store.Logs.GetSnapshot();
        Assert.Contains(logs, record => record.Category?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true);
        Assert.Empty(logs.Where(record => record.Level >= LogLevel.Warning).Select(record => $"{record.Category}: {record.Message}"));
    }

    [Fact]
    public async Task Parallel_writers_all_succeed()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Instances.AddAsync(Sample.Instance(), Ct);
        var pipelines = Enumerable.Range(0, 8).Select(i => Sample.Pipeline("acme", $"p{i}")).ToArray();
        await store.Sync.ReplacePipelinesAsync("acme", pipelines, Ct);

        // Eight writers (overlapping runs, jobs, health, logs) and readers at the same time.
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(
            async () =>
            {
                for (var round = 0; round < 10; round++)
                {
                    var key = pipelines[(writer + round) % pipelines.Length].Key;
                    var runs = Enumerable.Range(0, 20).Select(i => Sample.Run(key, $"{key.NativeId}-{round}-{i}", (round * 20) + i, round % 2 == 0 ? RunStatus.Running : RunStatus.Succeeded)).ToArray();
                    await store.Sync.UpsertRunsAsync("acme", runs, Ct);
                    await store.Sync.ReplaceJobsAsync(key, runs[0].NativeId, [Sample.Job($"j{writer}", "build", RunStatus.Succeeded, Sample.Step(1, "a"))], Ct);
                    await store.Instances.SaveHealthAsync("acme", Sample.Health() with { ConsecutiveFailures = writer }, Ct);
                    await store.Reader.SaveJobLogAsync(key, runs[0].NativeId, $"j{writer}", new JobLog($"log {writer}", true), Ct);
                    await store.Reader.ListPipelineSummariesAsync(Ct);
                }
            },
            Ct)).ToArray();

        await Task.WhenAll(writers);

        Assert.Equal(8 * 10 * 20, store.Scalar("SELECT COUNT(*) FROM runs"));
        Assert.Equal(8, (await store.Reader.ListPipelineSummariesAsync(Ct)).Count(summary => summary.LatestRun is not null));
    }

    [Fact]
    public async Task Writers_of_two_separate_containers_on_one_file_wait_for_each_other_instead_of_failing()
    {
        await using var first = await TestStore.CreateAsync();
        await using var second = TestStore.Open(first.DatabasePath);
        await first.Instances.AddAsync(Sample.Instance(), Ct);
        var pipeline = Sample.Pipeline("acme", "ci");
        await first.Sync.ReplacePipelinesAsync("acme", [pipeline], Ct);

        async Task WriteAsync(TestStore store, string prefix)
        {
            for (var batch = 0; batch < 20; batch++)
            {
                var runs = Enumerable.Range(0, 50).Select(i => Sample.Run(pipeline.Key, $"{prefix}-{batch}-{i}", (batch * 50) + i)).ToArray();
                await store.Sync.UpsertRunsAsync("acme", runs, Ct);
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(first, "a"), Ct), Task.Run(() => WriteAsync(second, "b"), Ct));

        Assert.Equal(2 * 20 * 50, first.Scalar("SELECT COUNT(*) FROM runs"));
    }

    private static string PragmaOnFreshConnection(string path, string pragma)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static async Task<long> PragmaAsync(DbContext context, string pragma)
    {
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
