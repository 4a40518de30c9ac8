using FlowForge.Emulators.GitHub;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Sync;

/// <summary>Budgets, Retry-After and the back-off ladder, on a fake clock, counted on the emulator.</summary>
public sealed class RateLimitAndBackoffTests
{
    [Fact]
    public async Task A_scarce_budget_is_paced_so_it_never_runs_out_before_the_reset()
    {
        await using var engine = await SyncEngineWorld.StartAsync(rateLimitPerHour: 100, repositories: 5);
        await engine.Api.AddGitHubInstanceAsync(GitHubWorld.InstanceId, engine.Emulator.ApiBaseUrl, GitHubWorld.Token, 10);
        var repositories = engine.Emulator.Scenario.Repositories().Select(repository => repository.FullName).ToList();
        var workflows = repositories.Select(repository => engine.Emulator.Scenario.Workflows(repository)[0].Id).ToList();
        var lowest = int.MaxValue;

        // Upstream keeps changing (a new run in every repository each minute), so no poll is free.
        var tick = 0;
        await engine.Clock.RunForAsync(TimeSpan.FromMinutes(75), TimeSpan.FromSeconds(5), afterEachPass: () =>
        {
            if (++tick % 12 == 0)
            {
                foreach (var workflow in workflows)
                {
                    engine.Emulator.Scenario.StartRun(workflow, new RunSpec("main", $"Change {tick}", "Ada", "ada@example.com", "ada"));
                }
            }

            lowest = Math.Min(lowest, engine.Emulator.RateLimitRemaining(GitHubWorld.Token));
            return Task.CompletedTask;
        });

        var requests = engine.Emulator.Requests.Snapshot();
        Assert.DoesNotContain(requests, request => request.StatusCode is 403 or 429);
        Assert.True(lowest >= 1, $"The budget reached {lowest}.");
        var firstHour = requests.Where(request => request.At < engine.Clock.Now.AddMinutes(-15)).ToList();
        var afterReset = requests.Where(request => request.At >= engine.Clock.Now.AddMinutes(-15)).ToList();
        Assert.True(firstHour.Count(request => request.CostRateLimit) >= 50, "The engine starved instead of pacing.");
        Assert.Contains(afterReset, request => request.CostRateLimit);
        var instance = await engine.Api.InstanceAsync(GitHubWorld.InstanceId);
        Assert.Equal(100, instance.Health.RateLimit!.Limit);
    }

    [Fact]
    public async Task A_429_with_Retry_After_30_silences_the_token_for_30_seconds()
    {
        await using var engine = await SyncEngineWorld.StartAsync();
        await engine.AddInstanceAndSettleAsync();
        var run = engine.Emulator.Scenario.StartRun(engine.World.WorkflowId, new RunSpec("main", "Keep it busy", "Ada", "ada@example.com", "ada"));
        engine.Emulator.Scenario.BeginRun(run.Id);
        await engine.Clock.RunForAsync(TimeSpan.FromMinutes(2));

        engine.Emulator.Faults.FailNext(1, EmulatedFault.TooManyRequestsFor(TimeSpan.FromSeconds(30)));
        await engine.Clock.RunForAsync(TimeSpan.FromSeconds(10));
        var limited = Assert.Single(engine.Emulator.Requests.Snapshot(), request => request.StatusCode == 429);
        var blockedUntil = (await engine.Api.InstanceAsync(GitHubWorld.InstanceId)).Sync.RateLimitBlockedUntil;
        await engine.Clock.RunForAsync(TimeSpan.FromSeconds(60));

        var after = engine.Emulator.Requests.Snapshot().Where(request => request.At > limited.At).ToList();
        Assert.Equal(limited.At.AddSeconds(30), blockedUntil);
        Assert.DoesNotContain(after, request => request.At < limited.At.AddSeconds(30));
        Assert.Contains(after, request => request.At <= limited.At.AddSeconds(31));
    }

    [Fact]
    public async Task A_secondary_rate_limit_backs_off_until_its_retry_after()
    {
        await using var engine = await SyncEngineWorld.StartAsync();
        await engine.AddInstanceAndSettleAsync(refreshSeconds: 10);

        engine.Emulator.Faults.FailNext(1, EmulatedFault.SecondaryRateLimit);
        await engine.Clock.RunForAsync(TimeSpan.FromSeconds(15));
        var limited = Assert.Single(engine.Emulator.Requests.Snapshot(), request => request.StatusCode == 403);
        var health = (await engine.Api.InstanceAsync(GitHubWorld.InstanceId)).Health;
        await engine.Clock.RunForAsync(TimeSpan.FromMinutes(2));

        Assert.Equal("degraded", health.State);
        Assert.Equal("rateLimited", health.LastErrorKind);
        var after = engine.Emulator.Requests.Snapshot().Where(request => request.At > limited.At).ToList();
        Assert.DoesNotContain(after, request => request.At < limited.At.AddSeconds(60));
        Assert.Contains(after, request => request.StatusCode == 304);
        Assert.Equal("healthy", (await engine.Api.InstanceAsync(GitHubWorld.InstanceId)).Health.State);
    }

    [Fact]
    public async Task An_instance_that_keeps_failing_climbs_the_back_off_ladder_and_recovers_on_the_first_good_answer()
    {
        await using var engine = await SyncEngineWorld.StartAsync();
        await engine.AddInstanceAndSettleAsync(refreshSeconds: 10);
        engine.Emulator.Faults.FailNext(100_000, EmulatedFault.ServerError);

        var attempts = new List<DateTimeOffset>();
        var failures = 0;
        await engine.Clock.RunForAsync(TimeSpan.FromMinutes(10), afterEachPass: async () =>
        {
            var instance = await engine.Api.InstanceAsync(GitHubWorld.InstanceId);
            if (instance.Sync.ConsecutiveFailures > failures)
            {
                failures = instance.Sync.ConsecutiveFailures;
                attempts.Add(engine.Clock.Now);
                Assert.Equal("degraded", instance.Health.State);
                Assert.NotNull(instance.Health.LastError);
                Assert.Equal(engine.Clock.Now + Ladder(failures), instance.Sync.NextAttemptAt);
            }
        });

        Assert.Equal([10, 30, 60, 120, 300], attempts.Zip(attempts.Skip(1), (a, b) => (int)(b - a).TotalSeconds).Take(5));

        engine.Emulator.Faults.Clear();
        await Task.Delay(TimeSpan.FromMilliseconds(700), TestContext.Current.CancellationToken);
        var next = (await engine.Api.InstanceAsync(GitHubWorld.InstanceId)).Sync.NextAttemptAt!.Value;
        await engine.Clock.RunForAsync(next - engine.Clock.Now);

        var recovered = await engine.Api.InstanceAsync(GitHubWorld.InstanceId);
        Assert.Equal("healthy", recovered.Health.State);
        Assert.Equal(0, recovered.Sync.ConsecutiveFailures);
        Assert.Null(recovered.Sync.NextAttemptAt);
    }

    private static TimeSpan Ladder(int failures) => FlowForge.Core.Sync.BackoffLadder.Delay(failures);
}
