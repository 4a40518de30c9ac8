using System.Globalization;
using System.Text;

namespace FlowForge.Benchmarks.ProviderIdleCost;

/// <summary>
/// Requests and rate-limit cost of an idle sync cycle per provider at 50 watched pipelines, counted by each provider's
/// emulator, next to what re-reading everything would cost against the same emulator in the same run.
/// </summary>
internal static class ProviderIdleCostBenchmark
{
    public const int Pipelines = 50;

    private static readonly Func<int, Task<IIdleCostSubject>>[] Subjects =
    [
        GitHubIdleCostSubject.StartAsync,
        GitLabIdleCostSubject.StartAsync,
        BuildkiteIdleCostSubject.StartAsync,
        JenkinsIdleCostSubject.StartAsync,
    ];

    public static async Task<string> RunAsync()
    {
        var rows = new List<Row>();
        foreach (var start in Subjects)
        {
            await using var subject = await start(Pipelines);
            Console.WriteLine($"Provider idle cost: {subject.Provider}, {Pipelines} pipelines...");
            var mark = subject.RequestMark();
            await using var server = await FlowForgeServer.StartAsync(subject.Kind, subject.Settings);
            await server.SettleAsync();
            var firstSync = subject.RequestsSince(mark);

            mark = subject.RequestMark();
            await server.SyncReportAsync();
            var idle = subject.RequestsSince(mark);

            mark = subject.RequestMark();
            await NaiveReread.RunAsync(subject);
            var naive = subject.RequestsSince(mark);
            rows.Add(new Row(subject.Provider, firstSync, idle, naive));
        }

        return Render(rows);
    }

    private static string Render(List<Row> rows)
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(invariant, $"## Idle cycle per provider at {Pipelines} watched pipelines").AppendLine();
        text.AppendLine(invariant, $"Each provider's emulator holds {Pipelines} pipelines with {IdleCostSeed.RunsPerPipeline} finished runs each. A FlowForge");
        text.AppendLine("server (Release, scheduler off) adds the instance and syncs until it has read everything (\"first sync\", jobs");
        text.AppendLine("included); then one more \"sync now\" (discovery plus every pipeline) runs with nothing changed upstream. The");
        text.AppendLine("baseline re-reads everything through the same provider code with nothing remembered: the pipelines, each");
        text.AppendLine(invariant, $"pipeline's recent runs (up to {NaiveReread.RunsPerPipeline}) and the jobs of each run. \"Costly\" counts what each provider's own");
        text.AppendLine("rules charge to the token's budget (GitHub does not charge a 304; GitLab and Buildkite charge every request;");
        text.AppendLine("Jenkins has no budget, so every request counts as load on the controller). Scheduled polls skip discovery and");
        text.AppendLine("ask only the pipelines that are due, so they cost at most what the idle \"sync now\" costs.").AppendLine();
        text.AppendLine("| Provider | First sync: requests | Idle cycle: requests | Idle cycle: costly | Re-read everything: requests | Re-read everything: costly | Costly, idle ÷ re-read |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var ratio = row.Naive.Costly == 0 ? "—" : ((double)row.Idle.Costly / row.Naive.Costly).ToString("0.000", invariant);
            text.AppendLine(invariant, $"| {row.Provider} | {row.FirstSync.Requests} | {row.Idle.Requests} | {row.Idle.Costly} | {row.Naive.Requests} | {row.Naive.Costly} | {ratio} |");
        }

        return text.ToString();
    }

    private sealed record Row(string Provider, (int Requests, int Costly) FirstSync, (int Requests, int Costly) Idle, (int Requests, int Costly) Naive);
}
