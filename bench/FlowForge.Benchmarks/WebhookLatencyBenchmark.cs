using System.Diagnostics;
using System.Globalization;
using System.Text;
using FlowForge.Emulators.GitHub;

namespace FlowForge.Benchmarks;

/// <summary>
/// From a change upstream to the event at a connected client: the emulator signs and sends its webhook, FlowForge
/// verifies, stores and publishes it, and the event arrives on an open Server-Sent Events stream.
/// </summary>
internal static class WebhookLatencyBenchmark
{
    private const int Samples = 200;

    public static async Task<string> RunAsync()
    {
        Console.WriteLine($"Webhook to SSE: {Samples} runs...");
        long workflowId = 0;
        await using var flowForge = await FlowForgeUnderTest.StartAsync(emulator =>
        {
            emulator.Scenario.AddRepository("bench-org", "api");
            workflowId = emulator.Scenario.AddWorkflow("bench-org/api", "CI", ".github/workflows/ci.yml").Id;
        });
        flowForge.Emulator.Webhooks.Subscribe(new Uri(flowForge.Server.BaseUrl, $"/hooks/{FlowForgeUnderTest.InstanceId}"), FlowForgeUnderTest.WebhookSecret, "workflow_run");

        using var stream = await flowForge.Api.GetStreamAsync("/api/v1/events?instance=" + FlowForgeUnderTest.InstanceId);
        using var reader = new StreamReader(stream);
        var latencies = new List<double>(Samples);
        for (var i = 0; i < Samples + 10; i++)
        {
            var clock = Stopwatch.StartNew();
            var run = flowForge.Emulator.Scenario.StartRun(workflowId, new RunSpec("main", $"Change {i}", "Bench Author", "bench@example.com", "bench"));
            await WaitForAsync(reader, $"\"id\":\"{run.Id.ToString(CultureInfo.InvariantCulture)}\"");
            if (i >= 10)
            {
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        var sorted = latencies.Order().ToArray();
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("## Webhook to live event").AppendLine();
        text.AppendLine(invariant, $"{Samples} runs started one after another in the emulator (after 10 warm-up runs). Each start makes the emulator");
        text.AppendLine("sign and POST a `workflow_run` delivery to `/hooks/{instance}` of the FlowForge server (Release, own process); FlowForge");
        text.AppendLine("verifies the signature, stores the run and publishes `runQueued`, which a client holding `GET /api/v1/events` open");
        text.AppendLine("receives. Measured in the client from the start call to the event's arrival; the scheduler is off, so no poll helps.").AppendLine();
        text.AppendLine("| p50 ms | p90 ms | p99 ms | max ms |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(invariant, $"| {Statistics.Percentile(sorted, 0.5):0.0} | {Statistics.Percentile(sorted, 0.9):0.0} | {Statistics.Percentile(sorted, 0.99):0.0} | {sorted[^1]:0.0} |");
        text.AppendLine();
        text.AppendLine("Target (DESIGN §10): webhook to SSE event at the browser p99 < 250 ms.");
        return text.ToString();
    }

    private static async Task WaitForAsync(StreamReader reader, string marker)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(marker, StringComparison.Ordinal) && line.Contains("\"runQueued\"", StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new InvalidOperationException("The event stream ended.");
    }
}
