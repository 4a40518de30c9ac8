using FlowForge.Emulators.GitLab.Demo;
using FlowForge.Emulators.Infrastructure.Demo;

namespace FlowForge.Emulators.GitLab;

/// <summary>
/// A lively, plausible GitLab for <c>--demo</c> mode and manual testing: groups with subgroups, five projects with CI
/// files (inputs, prefilled variables, a blocking manual deploy), a history of pipelines, and (with
/// <see cref="RunAsync"/>) a steady stream of new ones. Deterministic for a seed. The token is
/// <see cref="GitLabEmulator.DefaultToken"/> unless the emulator was started with others.
/// </summary>
public static class GitLabDemoScenario
{
    /// <summary>Adds the demo groups and projects and a few finished pipelines per project (mixed results, refs, authors).</summary>
    public static void Seed(GitLabEmulator emulator, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var random = new Random(seed);
        var scenario = emulator.Scenario;
        var now = emulator.TimeProvider.GetUtcNow();
        var history = new List<(DateTimeOffset StartedAt, GitLabProject Project)>();
        scenario.AddGroup("acme", "Acme Corp");
        scenario.AddGroup("oss", "Open Source");
        foreach (var (space, path, name, description, ciFile) in GitLabDemoCatalog.Projects)
        {
            var project = scenario.AddProject(space, path, name, "main", description, ciFile);
            foreach (var branch in GitLabDemoCatalog.Branches.Distinct().Where(branch => branch != "main"))
            {
                scenario.AddRef(project.Id, branch);
            }

            for (var i = random.Next(3, 7); i > 0; i--)
            {
                history.Add((now - TimeSpan.FromMinutes(random.Next(20, 3 * 24 * 60)), project));
            }
        }

        // Oldest first, so pipeline ids grow with time as on GitLab.
        foreach (var (startedAt, project) in history.OrderBy(entry => entry.StartedAt))
        {
            var status = Pick(random, (72, GitLabStatus.Success), (20, GitLabStatus.Failed), (8, GitLabStatus.Canceled));
            scenario.AddCompletedPipeline(project.Id, Spec(random), status, startedAt, TimeSpan.FromSeconds(random.Next(45, 9 * 60)));
        }
    }

    /// <summary>
    /// Keeps GitLab busy until cancelled: every few seconds a pipeline starts in a random project, begins, advances job
    /// by job and finishes after a short (4–12 s) or long (30–90 s) time, mostly successfully, sometimes failed,
    /// occasionally canceled. A pipeline halted on its manual deploy is played (as a release manager would) or canceled
    /// after a while. Pipelines started by others (API triggers, retries, plays) are picked up and played out too.
    /// </summary>
    public static async Task RunAsync(GitLabEmulator emulator, TimeProvider timeProvider, CancellationToken cancellationToken, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var random = new Random(seed);
        var scenario = emulator.Scenario;
        var plans = new Dictionary<long, Plan>();
        var nextStart = timeProvider.GetUtcNow() + TimeSpan.FromSeconds(1);
        await DemoClock.TickEverySecondAsync(timeProvider, now =>
        {
            var projects = scenario.Projects().Where(project => project.JobsEnabled && !project.Archived).ToArray();
            if (now >= nextStart && projects.Length > 0)
            {
                var pipeline = scenario.StartPipeline(projects[random.Next(projects.Length)].Id, Spec(random));
                plans[pipeline.Id] = NewPlan(random, now);
                nextStart = now + TimeSpan.FromSeconds(random.Next(4, 11));
            }

            foreach (var pipeline in projects.SelectMany(project => scenario.Pipelines(project.Id).Take(30)).Where(pipeline => !pipeline.IsFinished))
            {
                if (!plans.TryGetValue(pipeline.Id, out var plan))
                {
                    plans[pipeline.Id] = plan = NewPlan(random, now);
                }

                if (!Step(scenario, pipeline, plan, random, now))
                {
                    plans.Remove(pipeline.Id);
                }
            }

            foreach (var done in plans.Keys.Where(id => scenario.GetPipeline(id).IsFinished).ToList())
            {
                plans.Remove(done);
            }
        }, cancellationToken);
    }

    /// <summary>Moves one pipeline along its plan; false once it is done.</summary>
    private static bool Step(GitLabScenario scenario, GitLabPipeline pipeline, Plan plan, Random random, DateTimeOffset now)
    {
        switch (pipeline.Status)
        {
            case GitLabStatus.Pending or GitLabStatus.Created when pipeline.StartedAt is null:
                if (now >= plan.BeginAt)
                {
                    scenario.BeginPipeline(pipeline.Id);
                }

                return true;
            case GitLabStatus.Manual:
                // Halted on a blocking manual job: someone plays it, or gives up on it.
                plan.ManualSince ??= now;
                if (now - plan.ManualSince < plan.ManualWait)
                {
                    return true;
                }

                if (random.Next(100) < 70 && pipeline.LatestJobs.FirstOrDefault(job => job.Status == GitLabStatus.Manual && job.IsBlocking) is { } gate)
                {
                    scenario.PlayJob(gate.Id, GitLabDemoCatalog.People[random.Next(GitLabDemoCatalog.People.Length)].Username);
                    plan.CompleteAt = now + TimeSpan.FromSeconds(random.Next(5, 15));
                    plan.Status = GitLabStatus.Success;
                    return true;
                }

                scenario.CancelPipeline(pipeline.Id);
                return false;
        }

        if (now >= plan.CompleteAt)
        {
            scenario.CompletePipeline(pipeline.Id, plan.Status);
            return !scenario.GetPipeline(pipeline.Id).IsFinished;
        }

        if (now >= plan.NextAdvanceAt && pipeline.LatestJobs.Count(job => !GitLabStatus.IsFinished(job.Status) && job.Status != GitLabStatus.Manual) > 1)
        {
            scenario.AdvancePipeline(pipeline.Id);
            plan.NextAdvanceAt = now + TimeSpan.FromSeconds(random.Next(2, 7));
        }

        return true;
    }

    private static Plan NewPlan(Random random, DateTimeOffset now)
    {
        var beginAt = now + TimeSpan.FromSeconds(random.Next(1, 4));
        var duration = random.Next(100) < 75 ? TimeSpan.FromSeconds(random.Next(4, 13)) : TimeSpan.FromSeconds(random.Next(30, 91));
        return new Plan(beginAt)
        {
            CompleteAt = beginAt + duration,
            Status = Pick(random, (78, GitLabStatus.Success), (16, GitLabStatus.Failed), (6, GitLabStatus.Canceled)),
            NextAdvanceAt = beginAt + TimeSpan.FromSeconds(2),
            ManualWait = TimeSpan.FromSeconds(random.Next(15, 45)),
        };
    }

    private static PipelineSpec Spec(Random random)
    {
        var person = GitLabDemoCatalog.People[random.Next(GitLabDemoCatalog.People.Length)];
        var source = GitLabDemoCatalog.Sources[random.Next(GitLabDemoCatalog.Sources.Length)];
        var branch = source == "schedule" ? "main" : GitLabDemoCatalog.Branches[random.Next(GitLabDemoCatalog.Branches.Length)];
        var message = GitLabDemoCatalog.Messages[random.Next(GitLabDemoCatalog.Messages.Length)];
        return new PipelineSpec(branch, message, person.Name, person.Email, source == "schedule" ? "root" : person.Username, source);
    }

    private static string Pick(Random random, params (int Weight, string Value)[] choices)
    {
        var roll = random.Next(choices.Sum(choice => choice.Weight));
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

    private sealed record Plan(DateTimeOffset BeginAt)
    {
        public DateTimeOffset CompleteAt { get; set; }

        public string Status { get; set; } = GitLabStatus.Success;

        public DateTimeOffset NextAdvanceAt { get; set; }

        public TimeSpan ManualWait { get; init; }

        public DateTimeOffset? ManualSince { get; set; }
    }
}
