using System.Diagnostics;
using System.Globalization;
using System.Text;
using FlowForge.Emulators.GitHub;

namespace FlowForge.Benchmarks;

/// <summary>What a sync with nothing new upstream costs, counted on the emulator, against the number of repositories.</summary>
internal static class IdleCycleBenchmark
{
    private static readonly int[] Sizes = [10, 50, 200];

    public static async Task<string> RunAsync()
    {
        var rows = new List<(int Repositories, int Requests, int NotModified, int Cost, double Milliseconds)>();
        foreach (var size in Sizes)
        {
            Console.WriteLine($"Idle cycle: {size} repositories...");
            await using var flowForge = await FlowForgeUnderTest.StartAsync(emulator => Seed(emulator, size));

            // Syncs read everything (job lists 50 runs per cycle) until a sync finds nothing left to read.
            while ((await flowForge.SyncReportAsync()).GetProperty("jobsRefreshed").GetInt32() > 0)
            {
            }

            var remaining = flowForge.Emulator.RateLimitRemaining(FlowForgeUnderTest.Token);
            flowForge.Emulator.Requests.Clear();
            var clock = Stopwatch.StartNew();
            await flowForge.SyncAsync();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            var requests = flowForge.Emulator.Requests.Snapshot();
            rows.Add((size, requests.Count, requests.Count(r => r.StatusCode == 304), remaining - flowForge.Emulator.RateLimitRemaining(FlowForgeUnderTest.Token), elapsed));
        }

        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("## Idle sync cycle: upstream requests and rate-limit cost").AppendLine();
        text.AppendLine("Each repository has one workflow with finished runs. Once syncs have read everything (job lists come 50 runs per");
        text.AppendLine("cycle), `POST /api/v1/instances/{id}/sync` (\"sync now\":");
        text.AppendLine("discovery plus every repository) runs with nothing changed upstream; the emulator counts what it received and what");
        text.AppendLine("the token's budget lost. Scheduled poll cycles skip the discovery request and ask only the repositories that are due,");
        text.AppendLine("so they cost at most one request per repository (`SchedulerTests` asserts it on a fake clock).").AppendLine();
        text.AppendLine("| Repositories | Requests | Answered 304 | Rate-limit cost | Duration ms |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var row in rows)
        {
            text.AppendLine(invariant, $"| {row.Repositories} | {row.Requests} | {row.NotModified} | {row.Cost} | {row.Milliseconds:0} |");
        }

        text.AppendLine();
        text.AppendLine("Requests grow by one per repository plus one for the repository list; the cost stays 0 because every request is");
        text.AppendLine("conditional and answered 304, which GitHub does not count.");
        return text.ToString();
    }

    private static void Seed(GitHubEmulator emulator, int repositories)
    {
        for (var index = 0; index < repositories; index++)
        {
            emulator.Scenario.AddRepository("bench-org", $"repo-{index:000}");
            var workflow = emulator.Scenario.AddWorkflow($"bench-org/repo-{index:000}", "CI", ".github/workflows/ci.yml");
            var run = emulator.Scenario.StartRun(workflow.Id, new RunSpec("main", $"Change {index}", "Bench Author", "bench@example.com", "bench"));
            emulator.Scenario.BeginRun(run.Id);
            emulator.Scenario.CompleteRun(run.Id, "success");
        }
    }
}
