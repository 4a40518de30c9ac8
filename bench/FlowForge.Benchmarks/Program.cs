using System.Globalization;
using FlowForge.Benchmarks;
using FlowForge.Benchmarks.ProviderIdleCost;

// Child mode: the static-file baseline server.
if (args is ["static", var directory, var portText])
{
    await StaticFileServer.RunAsync(directory, int.Parse(portText, CultureInfo.InvariantCulture));
    return 0;
}

var options = BenchmarkOptions.Parse(args);
var sections = new List<string>();
if (options.Runs("read-path"))
{
    sections.Add(await ReadPathBenchmark.RunAsync(options));
}

if (options.Runs("idle-cycle"))
{
    sections.Add(await IdleCycleBenchmark.RunAsync());
}

if (options.Runs("provider-idle-cost"))
{
    sections.Add(await ProviderIdleCostBenchmark.RunAsync());
}

if (options.Runs("webhook-latency"))
{
    sections.Add(await WebhookLatencyBenchmark.RunAsync());
}

if (options.Runs("dashboard"))
{
    sections.Add(await DashboardBenchmark.RunAsync(options));
}

var report = BenchmarkReport.Render(sections);
Console.WriteLine(report);
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, report);
    Console.WriteLine($"Written to {output}");
}

return 0;
