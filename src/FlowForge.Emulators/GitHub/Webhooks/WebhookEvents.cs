namespace FlowForge.Emulators.GitHub.Webhooks;

/// <summary>A webhook event a run change causes: the run (and job) snapshots as they were right after the change.</summary>
internal sealed record WebhookEvent(string Event, string Action, EmulatedRun Run, EmulatedJob? Job);

/// <summary>
/// Which <c>workflow_run</c> and <c>workflow_job</c> events a change of a run causes, in the order GitHub would send
/// them: a new run or attempt is <c>requested</c>; a run that starts is <c>in_progress</c>; each job whose status
/// changed (or that is new) gets its status as action (<c>queued</c>, <c>in_progress</c>, <c>completed</c>). Run
/// events come before job events, except <c>completed</c>, which follows the jobs' completion. Step progress causes
/// no event, as on GitHub.
/// </summary>
internal static class WebhookEvents
{
    public const string WorkflowRun = "workflow_run";
    public const string WorkflowJob = "workflow_job";
    public const string Ping = "ping";

    public static IReadOnlyList<WebhookEvent> Of(EmulatedRun? before, EmulatedRun after)
    {
        var sameAttempt = before is not null && before.RunAttempt == after.RunAttempt;
        string? runAction = !sameAttempt ? "requested"
            : before!.Status == after.Status ? null
            : after.Status switch
            {
                GitHubStatus.InProgress => "in_progress",
                GitHubStatus.Completed => "completed",
                _ => null,
            };

        var events = new List<WebhookEvent>(after.Jobs.Count + 1);
        var runEvent = runAction is null ? null : new WebhookEvent(WorkflowRun, runAction, after, null);
        if (runEvent is not null && runAction != "completed")
        {
            events.Add(runEvent);
        }

        foreach (var job in after.Jobs)
        {
            var previous = sameAttempt ? before!.Jobs.FirstOrDefault(j => j.Id == job.Id) : null;
            if (previous is null || previous.Status != job.Status)
            {
                events.Add(new WebhookEvent(WorkflowJob, job.Status, after, job));
            }
        }

        if (runEvent is not null && runAction == "completed")
        {
            events.Add(runEvent);
        }

        return events;
    }
}
