using FlowForge.Emulators.GitHub.Demo;
using FlowForge.Emulators.Infrastructure.Demo;

namespace FlowForge.Emulators.GitHub;

/// <summary>
/// A lively, plausible GitHub for <c>--demo</c> mode and manual testing: a few repositories of two organizations
/// with a history of runs, and (with <see cref="RunAsync"/>) a steady stream of new ones. Deterministic for a seed.
/// </summary>
public static class GitHubDemoScenario
{
    /// <summary>The workflow (of <c>acme/infra</c>) the demo never starts by itself and whose runs take minutes, not seconds.</summary>
    public const string LongRunningWorkflow = "Nightly";

    /// <summary>
    /// Adds the demo repositories and workflows and a few completed runs per workflow (mixed conclusions, branches,
    /// authors), so every workflow has a latest run right away.
    /// </summary>
    public static void Seed(GitHubEmulator emulator, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var random = new Random(seed);
        var scenario = emulator.Scenario;
        var now = emulator.TimeProvider.GetUtcNow();
        var history = new List<(DateTimeOffset StartedAt, EmulatedWorkflow Workflow)>();
        foreach (var (owner, name, description, workflows) in DemoCatalog.Repositories)
        {
            var repository = scenario.AddRepository(owner, name, "main", description);
            foreach (var workflowName in workflows)
            {
                var shape = DemoCatalog.Workflows[workflowName];
                var workflow = scenario.AddWorkflow(repository.FullName, workflowName, ".github/workflows/" + shape.File, DemoCatalog.WorkflowFile(workflowName, shape));
                var runs = random.Next(3, 7);
                for (var i = 0; i < runs; i++)
                {
                    history.Add((now - TimeSpan.FromMinutes(random.Next(15, 3 * 24 * 60)), workflow));
                }
            }
        }

        // Oldest first, so run ids grow with time as on GitHub.
        foreach (var (startedAt, workflow) in history.OrderBy(h => h.StartedAt))
        {
            var conclusion = Pick(random, (70, GitHubConclusion.Success), (20, GitHubConclusion.Failure), (10, GitHubConclusion.Cancelled));
            var duration = TimeSpan.FromSeconds(random.Next(40, 8 * 60));
            scenario.AddCompletedRun(workflow.Id, Spec(random, workflow), conclusion, startedAt, duration);
        }
    }

    /// <summary>
    /// Adds <paramref name="count"/> more workflows for trying the dashboard at scale: repositories of ten workflows
    /// each under the <c>fleet</c> owner, every workflow with one to three completed runs, a few of them failed.
    /// Call after <see cref="Seed"/>; deterministic for a seed.
    /// </summary>
    public static void SeedMany(GitHubEmulator emulator, int count, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        (string Name, string Shape, string File)[] workflows =
        [
            ("CI", "CI", "ci.yml"), ("Lint", "Lint", "lint.yml"), ("Deploy", "Deploy", "deploy.yml"), ("Docs", "Docs", "docs.yml"),
            ("Nightly", "Nightly", "nightly.yml"), ("Release", "Release", "release.yml"), ("Terraform Plan", "Terraform Plan", "terraform-plan.yml"),
            ("Integration", "CI", "integration.yml"), ("Security Scan", "Lint", "security-scan.yml"), ("Benchmarks", "Nightly", "benchmarks.yml"),
        ];
        string[] areas = ["billing", "search", "auth", "catalog", "orders", "payments", "inventory", "gateway", "reports", "profiles", "pricing", "shipping"];
        string[] kinds = ["api", "worker", "web", "jobs", "sdk"];
        var random = new Random(seed);
        var scenario = emulator.Scenario;
        var now = emulator.TimeProvider.GetUtcNow();
        var history = new List<(DateTimeOffset StartedAt, EmulatedWorkflow Workflow)>();
        for (var made = 0; made < count; made += workflows.Length)
        {
            var index = made / workflows.Length;
            var round = index / (areas.Length * kinds.Length);
            var name = $"{areas[index % areas.Length]}-{kinds[index / areas.Length % kinds.Length]}{(round > 0 ? $"-{round + 1}" : "")}";
            var repository = scenario.AddRepository("fleet", name, "main", $"The {name.Replace('-', ' ')} service");
            foreach (var (workflowName, shapeName, file) in workflows.Take(count - made))
            {
                var shape = DemoCatalog.Workflows[shapeName];
                var workflow = scenario.AddWorkflow(repository.FullName, workflowName, ".github/workflows/" + file, DemoCatalog.WorkflowFile(workflowName, shape));
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    history.Add((now - TimeSpan.FromMinutes(random.Next(15, 3 * 24 * 60)), workflow));
                }
            }
        }

        foreach (var (startedAt, workflow) in history.OrderBy(h => h.StartedAt))
        {
            var conclusion = Pick(random, (90, GitHubConclusion.Success), (7, GitHubConclusion.Failure), (3, GitHubConclusion.Cancelled));
            scenario.AddCompletedRun(workflow.Id, Spec(random, workflow), conclusion, startedAt, TimeSpan.FromSeconds(random.Next(40, 8 * 60)));
        }
    }

    /// <summary>
    /// Keeps GitHub busy until cancelled: every few seconds a run starts on a random workflow, begins, makes progress
    /// and completes after a short (3–10 s) or long (30–90 s) time, mostly successfully, sometimes failing,
    /// occasionally cancelled. Runs started by others (dispatch, re-run) are picked up and played out too. The
    /// <see cref="LongRunningWorkflow"/> is left to others: the loop never starts one, and one that others start
    /// takes 10–20 minutes, so a person (or a browser test) has a pipeline of its own with time to watch or cancel a run.
    /// Returns when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static async Task RunAsync(GitHubEmulator emulator, TimeProvider timeProvider, CancellationToken cancellationToken, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var random = new Random(seed);
        var scenario = emulator.Scenario;
        var active = new Dictionary<long, ActiveRun>();
        var nextStart = timeProvider.GetUtcNow() + TimeSpan.FromSeconds(1);
        await DemoClock.TickEverySecondAsync(timeProvider, now =>
        {
            var workflows = scenario.Repositories().SelectMany(r => scenario.Workflows(r.FullName))
                .Where(workflow => workflow.Name != LongRunningWorkflow).ToArray();
            if (now >= nextStart && workflows.Length > 0)
            {
                var workflow = workflows[random.Next(workflows.Length)];
                var run = scenario.StartRun(workflow.Id, Spec(random, workflow));
                active[run.Id] = Plan(random, now, workflow.Name);
                nextStart = now + TimeSpan.FromSeconds(random.Next(3, 9));
            }

            Adopt(scenario, active, random, now);
            foreach (var (runId, plan) in active.ToArray())
            {
                if (!Step(scenario, runId, plan, random, now))
                {
                    active.Remove(runId);
                }
            }
        }, cancellationToken);
    }

    /// <summary>Moves one run along its plan; false once it is done (or was completed by someone else).</summary>
    private static bool Step(GitHubScenario scenario, long runId, ActiveRun plan, Random random, DateTimeOffset now)
    {
        var run = scenario.GetRun(runId);
        if (run.IsCompleted)
        {
            return false;
        }

        if (run.Status == GitHubStatus.Queued)
        {
            if (now >= plan.BeginAt)
            {
                scenario.BeginRun(runId);
            }

            return true;
        }

        if (now >= plan.CompleteAt)
        {
            scenario.CompleteRun(runId, plan.Conclusion);
            return false;
        }

        if (now >= plan.NextAdvanceAt && RemainingSteps(run) > 2)
        {
            scenario.AdvanceRun(runId);
            plan.NextAdvanceAt = now + TimeSpan.FromSeconds(random.Next(2, 8));
        }

        return true;
    }

    private static void Adopt(GitHubScenario scenario, Dictionary<long, ActiveRun> active, Random random, DateTimeOffset now)
    {
        foreach (var repository in scenario.Repositories())
        {
            foreach (var run in scenario.Runs(repository.FullName).Take(50))
            {
                if (!run.IsCompleted && !active.ContainsKey(run.Id))
                {
                    active[run.Id] = Plan(random, now, run.WorkflowName);
                }
            }
        }
    }

    private static ActiveRun Plan(Random random, DateTimeOffset now, string workflowName)
    {
        var beginAt = now + TimeSpan.FromSeconds(random.Next(1, 4));
        var duration = workflowName == LongRunningWorkflow ? TimeSpan.FromMinutes(random.Next(10, 21))
            : random.Next(100) < 75 ? TimeSpan.FromSeconds(random.Next(3, 11))
            : TimeSpan.FromSeconds(random.Next(30, 91));
        var conclusion = Pick(random, (78, GitHubConclusion.Success), (16, GitHubConclusion.Failure), (6, GitHubConclusion.Cancelled));
        return new ActiveRun(beginAt, beginAt + duration, conclusion) { NextAdvanceAt = beginAt + TimeSpan.FromSeconds(2) };
    }

    private static int RemainingSteps(EmulatedRun run) =>
        run.Jobs.Sum(j => j.HasStarted ? j.Steps.Count(s => s.Status != GitHubStatus.Completed) : j.Status == GitHubStatus.Completed ? 0 : j.StepNames.Count);

    private static RunSpec Spec(Random random, EmulatedWorkflow workflow)
    {
        var shape = DemoCatalog.Workflows.GetValueOrDefault(workflow.Name);
        var trigger = shape?.Events is { Length: > 0 } events ? events[random.Next(events.Length)] : "push";
        var person = DemoCatalog.People[random.Next(DemoCatalog.People.Length)];
        var branch = trigger is "schedule" or "workflow_dispatch" ? "main" : DemoCatalog.Branches[random.Next(DemoCatalog.Branches.Length)];
        var actor = trigger == "schedule" ? "github-actions[bot]" : person.Login;
        return new RunSpec(branch, DemoCatalog.Messages[random.Next(DemoCatalog.Messages.Length)], person.Name, person.Email, actor, trigger, Jobs: shape?.Jobs);
    }

    private static string Pick(Random random, params (int Weight, string Value)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (weight, value) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return choices[^1].Value;
    }

    private sealed record ActiveRun(DateTimeOffset BeginAt, DateTimeOffset CompleteAt, string Conclusion)
    {
        public DateTimeOffset NextAdvanceAt { get; set; }
    }
}
