using FlowForge.Emulators.Jenkins.State;

namespace FlowForge.Emulators.Jenkins.Json;

/// <summary>
/// Queue items as <c>api/json</c> exports them (<c>hudson.model.Queue$Item</c>, visible at any depth): a
/// <c>WaitingItem</c> in its quiet period, a <c>BlockedItem</c>, a <c>BuildableItem</c>, and once it left the queue a
/// <c>LeftItem</c> with the build it became (<c>executable</c>) or <c>cancelled</c>.
/// </summary>
internal static class QueueJson
{
    public static ExportedObject Of(JenkinsState state, QueueEntry entry)
    {
        var kind = state.StateOf(entry);
        var actions = new List<ExportedObject> { BuildJson.Causes(entry.Pending.Causes) };
        if (ParameterJson.Action(entry.Pending.Parameters) is { } parameters)
        {
            actions.Add(parameters);
        }

        var exported = new ExportedObject($"hudson.model.Queue${Class(kind)}")
            .Add("actions", actions, visibility: 999)
            .Add("blocked", kind == "blocked", visibility: 999)
            .Add("buildable", kind == "buildable", visibility: 999)
            .Add("id", entry.Id, visibility: 999)
            .Add("inQueueSince", entry.InQueueSince, visibility: 999)
            .Add("params", ParameterJson.Params(entry.Pending.Parameters), visibility: 999)
            .Add("stuck", false, visibility: 999)
            .Add("task", Task(state, entry.Job), visibility: 999)
            .Add("url", $"queue/item/{entry.Id}/", visibility: 999)
            .Add("why", Why(state, entry, kind), visibility: 999);
        return kind switch
        {
            "waiting" => exported.Add("timestamp", entry.DueAt, visibility: 999),
            "buildable" => exported.Add("buildableStartMilliseconds", entry.DueAt, visibility: 999).Add("pending", false, visibility: 999),
            "left" => exported.Add("cancelled", entry.Cancelled, visibility: 999).Add("executable", Executable(state, entry), visibility: 999),
            _ => exported,
        };
    }

    /// <summary><c>/queue/api/json</c>: the items still waiting (<c>hudson.model.Queue</c>).</summary>
    public static ExportedObject Queue(JenkinsState state) =>
        new ExportedObject("hudson.model.Queue")
            .Add("discoverableItems", Array.Empty<object>())
            .Add("items", (Func<object?>)(() => state.Queue.Where(entry => !entry.HasLeft).Select(entry => Of(state, entry)).ToList()), inline: true);

    private static string Class(string kind) => kind switch
    {
        "waiting" => "WaitingItem",
        "blocked" => "BlockedItem",
        "buildable" => "BuildableItem",
        _ => "LeftItem",
    };

    private static string? Why(JenkinsState state, QueueEntry entry, string kind) => kind switch
    {
        "waiting" => $"In the quiet period. Expires in {Math.Max(0, (entry.DueAt - state.Now).TotalSeconds):0.#} sec",
        "blocked" => $"Build #{entry.Job.Job!.Builds.Values.First(build => build.Building).Number} is already in progress (ETA: N/A)",
        "buildable" => "Waiting for next available executor",
        _ => null,
    };

    private static ExportedObject Task(JenkinsState state, ItemNode job) =>
        new ExportedObject(job.Class)
            .Add("name", job.Name, visibility: 999)
            .Add("url", state.UrlOf(job).AbsoluteUri, visibility: 999)
            .Add("color", ItemJson.Color(job.Job!), visibility: 999);

    private static ExportedObject? Executable(JenkinsState state, QueueEntry entry) =>
        entry.BuildNumber is not { } number
            ? null
            : new ExportedObject(entry.Job.BuildClass)
                .Add("number", number, visibility: 999)
                .Add("url", new Uri(state.UrlOf(entry.Job), $"{number}/").AbsoluteUri, visibility: 999);
}
