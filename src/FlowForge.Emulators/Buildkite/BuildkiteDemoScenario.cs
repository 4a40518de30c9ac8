using FlowForge.Emulators.Buildkite.Demo;
using FlowForge.Emulators.Infrastructure.Demo;

namespace FlowForge.Emulators.Buildkite;

/// <summary>
/// A lively, plausible Buildkite for <c>--demo</c> mode and manual testing: one organization (<see cref="Organization"/>)
/// with five pipelines (wait and block steps, a soft-failing step, pipeline environments) and a history of builds, and
/// (with <see cref="RunAsync"/>) a steady stream of new ones. Deterministic for a seed.
/// </summary>
public static class BuildkiteDemoScenario
{
    /// <summary>The demo organization's slug: the provider instance's <c>organization</c> setting.</summary>
    public const string Organization = "acme-inc";

    /// <summary>Adds the organization, its pipelines, and a few finished builds per pipeline over the last three days.</summary>
    public static void Seed(BuildkiteEmulator emulator, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var random = new Random(seed);
        var scenario = emulator.Scenario;
        var now = emulator.TimeProvider.GetUtcNow();
        scenario.AddOrganization(Organization, "Acme Inc");
        var history = new List<(DateTimeOffset StartedAt, string Pipeline)>();
        foreach (var (name, description, env, steps) in BuildkiteDemoCatalog.Pipelines)
        {
            var pipeline = scenario.AddPipeline(Organization, name, steps, env, "main", description);
            for (var i = random.Next(3, 7); i > 0; i--)
            {
                history.Add((now - TimeSpan.FromMinutes(random.Next(20, 3 * 24 * 60)), pipeline.Slug));
            }
        }

        // Oldest first, so build numbers grow with time as on Buildkite.
        foreach (var (startedAt, pipeline) in history.OrderBy(entry => entry.StartedAt))
        {
            scenario.AddFinishedBuild(Organization, pipeline, Spec(random), random.Next(100) < 80, startedAt, TimeSpan.FromSeconds(random.Next(60, 15 * 60)));
        }
    }

    /// <summary>
    /// Keeps Buildkite busy until cancelled: every few seconds a build starts on a random pipeline and plays out — jobs
    /// start and finish, block steps wait a while for someone to unblock them, most builds pass, some fail, a few are
    /// cancelled. Builds started by others (the API's create, rebuild, retries) are played out too.
    /// </summary>
    public static async Task RunAsync(BuildkiteEmulator emulator, TimeProvider timeProvider, CancellationToken cancellationToken, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var random = new Random(seed);
        var scenario = emulator.Scenario;
        var plans = new Dictionary<(string Pipeline, long Number), Plan>();
        var nextStart = timeProvider.GetUtcNow() + TimeSpan.FromSeconds(1);
        await DemoClock.TickEverySecondAsync(timeProvider, now =>
        {
            var pipelines = scenario.Pipelines(Organization);
            if (now >= nextStart && pipelines.Count > 0)
            {
                scenario.StartBuild(Organization, pipelines[random.Next(pipelines.Count)].Slug, Spec(random));
                nextStart = now + TimeSpan.FromSeconds(random.Next(4, 11));
            }

            foreach (var build in scenario.Builds(Organization).Take(60).Where(build => !build.IsFinished))
            {
                var key = (build.Pipeline, build.Number);
                var plan = plans.TryGetValue(key, out var known) ? known : plans[key] = NewPlan(random, now);
                try
                {
                    Step(scenario, build, plan, random, now);
                }
                catch (InvalidOperationException)
                {
                    // Someone else (a user through the API) moved the build meanwhile; the next tick sees where it is.
                }
            }

            foreach (var done in plans.Keys.Where(key => scenario.GetBuild(Organization, key.Pipeline, key.Number).IsFinished).ToList())
            {
                plans.Remove(done);
            }
        }, cancellationToken);
    }

    private static void Step(BuildkiteScenario scenario, BuildkiteBuild build, Plan plan, Random random, DateTimeOffset now)
    {
        if (now < plan.NextAt)
        {
            return;
        }

        plan.NextAt = now + TimeSpan.FromSeconds(random.Next(2, 7));
        if (build.State == BuildkiteStates.Scheduled)
        {
            scenario.BeginBuild(Organization, build.Pipeline, build.Number);
        }
        else if (build.Blocked)
        {
            // Someone gets round to the block step after a while; meanwhile the dashboard shows it waiting.
            plan.UnblockAt ??= now + TimeSpan.FromSeconds(random.Next(10, 45));
            if (now >= plan.UnblockAt)
            {
                scenario.UnblockBuild(Organization, build.Pipeline, build.Number, fields: new Dictionary<string, string> { ["approved-by"] = "demo" });
            }
        }
        else if (plan.Outcome == Outcome.Cancel && ++plan.Steps >= 2 && build.State is BuildkiteStates.Running or BuildkiteStates.Failing)
        {
            scenario.CancelBuild(Organization, build.Pipeline, build.Number);
        }
        else
        {
            var fails = plan.Outcome == Outcome.Fail && !plan.Failed && build.Jobs.Any(job => job.State == BuildkiteStates.Running);
            plan.Failed |= fails;
            scenario.AdvanceBuild(Organization, build.Pipeline, build.Number, passes: !fails);
        }
    }

    private static Plan NewPlan(Random random, DateTimeOffset now)
    {
        var roll = random.Next(100);
        return new Plan(roll < 78 ? Outcome.Pass : roll < 94 ? Outcome.Fail : Outcome.Cancel) { NextAt = now + TimeSpan.FromSeconds(random.Next(1, 4)) };
    }

    private static BuildkiteBuildSpec Spec(Random random)
    {
        var (name, email) = BuildkiteDemoCatalog.People[random.Next(BuildkiteDemoCatalog.People.Length)];
        return new BuildkiteBuildSpec(
            BuildkiteDemoCatalog.Branches[random.Next(BuildkiteDemoCatalog.Branches.Length)],
            BuildkiteDemoCatalog.Messages[random.Next(BuildkiteDemoCatalog.Messages.Length)],
            name,
            email);
    }

    private enum Outcome
    {
        Pass,
        Fail,
        Cancel,
    }

    private sealed class Plan(Outcome outcome)
    {
        public Outcome Outcome { get; } = outcome;

        public DateTimeOffset NextAt { get; set; }

        public DateTimeOffset? UnblockAt { get; set; }

        public bool Failed { get; set; }

        public int Steps { get; set; }
    }
}
