using FlowForge.Emulators.Infrastructure.Demo;
using FlowForge.Emulators.Jenkins.Demo;

namespace FlowForge.Emulators.Jenkins;

/// <summary>
/// A lively, plausible Jenkins for <c>--demo</c> mode and manual testing: nested folders, a multibranch project with three
/// branches, Pipeline and freestyle jobs (one declaring a parameter of every type), each with a history of builds, and (with
/// <see cref="RunAsync"/>) a steady stream of new ones. Deterministic for a seed.
/// </summary>
public static class JenkinsDemoScenario
{
    /// <summary>Adds the demo's folders and jobs and a few finished builds per job, so every job has a last build right away.</summary>
    public static void Seed(JenkinsEmulator emulator, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var random = new Random(seed);
        var scenario = emulator.Scenario;
        var now = emulator.TimeProvider.GetUtcNow();
        List<string> jobs = [];
        foreach (var (fullName, pipeline, spec) in JenkinsDemoCatalog.Jobs())
        {
            jobs.Add((pipeline ? scenario.AddPipelineJob(fullName, spec) : scenario.AddFreestyleJob(fullName, spec)).FullName);
        }

        scenario.AddMultibranchProject("web/storefront", "The shop's web front end, one job per branch.");
        foreach (var branch in JenkinsDemoCatalog.StorefrontBranches)
        {
            jobs.Add(scenario.AddBranch("web/storefront", branch, new JenkinsJobSpec(Stages: JenkinsDemoCatalog.WebStages)).FullName);
        }

        var history = jobs.SelectMany(job => Enumerable.Range(0, random.Next(3, 7)).Select(_ => (At: now - TimeSpan.FromMinutes(random.Next(20, 3 * 24 * 60)), Job: job)))
            .OrderBy(entry => entry.At)
            .ToList();
        foreach (var (at, job) in history)
        {
            var result = Pick(random, (72, JenkinsResult.Success), (16, JenkinsResult.Failure), (6, JenkinsResult.Unstable), (6, JenkinsResult.Aborted));
            scenario.AddCompletedBuild(job, Spec(random, job), result, at, TimeSpan.FromSeconds(random.Next(45, 9 * 60)));
        }
    }

    /// <summary>
    /// Keeps Jenkins busy until cancelled: every few seconds a build is queued on a random job, waits a moment, starts,
    /// moves from step to step and finishes after a short (4–12 s) or long (30–90 s) time, mostly successfully. Builds
    /// requested over the API (trigger, rebuild) are picked up and played out too. Returns when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static async Task RunAsync(JenkinsEmulator emulator, TimeProvider timeProvider, CancellationToken cancellationToken, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var random = new Random(seed);
        var scenario = emulator.Scenario;
        var queued = new Dictionary<long, DateTimeOffset>();
        var running = new Dictionary<(string Job, int Number), Plan>();
        var nextQueue = timeProvider.GetUtcNow() + TimeSpan.FromSeconds(1);
        await DemoClock.TickEverySecondAsync(timeProvider, now =>
        {
            var jobs = scenario.Items().Where(item => item.Class is not ("com.cloudbees.hudson.plugins.folder.Folder" or "org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject")).ToList();
            if (now >= nextQueue && jobs.Count > 0)
            {
                var job = jobs[random.Next(jobs.Count)].FullName;
                queued[scenario.QueueBuild(job, Spec(random, job)).Id] = now + TimeSpan.FromSeconds(random.Next(1, 5));
                nextQueue = now + TimeSpan.FromSeconds(random.Next(3, 9));
            }

            foreach (var (id, startAt) in queued.Where(entry => entry.Value <= now).ToList())
            {
                queued.Remove(id);
                if (scenario.QueueItems().Any(item => item.Id == id && item.State != "left"))
                {
                    var build = scenario.StartBuild(id);
                    running[(build.JobFullName, build.Number)] = NewPlan(random, now);
                }
            }

            foreach (var build in scenario.RunningBuilds())
            {
                var key = (build.JobFullName, build.Number);
                if (!running.TryGetValue(key, out var plan))
                {
                    running[key] = plan = NewPlan(random, now);
                }

                if (now >= plan.CompleteAt)
                {
                    scenario.CompleteBuild(build.JobFullName, build.Number, plan.Result);
                    running.Remove(key);
                }
                else if (now >= plan.NextAdvanceAt)
                {
                    scenario.AdvanceBuild(build.JobFullName, build.Number);
                    plan.NextAdvanceAt = now + TimeSpan.FromSeconds(random.Next(2, 6));
                }
            }

            foreach (var done in running.Keys.Where(key => !scenario.GetBuild(key.Job, key.Number).Building).ToList())
            {
                running.Remove(done);
            }
        }, cancellationToken);
    }

    private static Plan NewPlan(Random random, DateTimeOffset now)
    {
        var duration = random.Next(100) < 75 ? TimeSpan.FromSeconds(random.Next(4, 13)) : TimeSpan.FromSeconds(random.Next(30, 91));
        var result = Pick(random, (80, JenkinsResult.Success), (13, JenkinsResult.Failure), (4, JenkinsResult.Unstable), (3, JenkinsResult.Aborted));
        return new Plan(now + duration, result) { NextAdvanceAt = now + TimeSpan.FromSeconds(2) };
    }

    private static JenkinsBuildSpec Spec(Random random, string job)
    {
        var (name, email) = JenkinsDemoCatalog.People[random.Next(JenkinsDemoCatalog.People.Length)];
        var cause = job.StartsWith("web/storefront/", StringComparison.Ordinal) ? JenkinsCause.BranchEvent
            : job.EndsWith("nightly-backup", StringComparison.Ordinal) ? JenkinsCause.Timer
            : random.Next(3) == 0 ? JenkinsCause.User : JenkinsCause.Scm;
        var user = email[..email.IndexOf('@', StringComparison.Ordinal)];
        return new JenkinsBuildSpec(JenkinsDemoCatalog.Messages[random.Next(JenkinsDemoCatalog.Messages.Length)], name, email, cause, user);
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

    private sealed record Plan(DateTimeOffset CompleteAt, string Result)
    {
        public DateTimeOffset NextAdvanceAt { get; set; }
    }
}
