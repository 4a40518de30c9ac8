using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace FlowForge.Benchmarks;

/// <summary>docs/benchmarks.md: the machine and how it was run, then one section per benchmark.</summary>
internal static class BenchmarkReport
{
    public static string Render(IEnumerable<string> sections)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine("# Benchmarks").AppendLine();
        text.AppendLine(invariant, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd} with `dotnet run -c Release --project bench/FlowForge.Benchmarks -- --output docs/benchmarks.md`");
        text.AppendLine("(`--only read-path|idle-cycle|provider-idle-cost|webhook-latency|dashboard` runs one). Every server under test runs in its own process, on loopback.").AppendLine();
        text.AppendLine(invariant, $"Machine: {CpuModel()}, {Environment.ProcessorCount} logical cores, {MemoryGiB():0.#} GiB RAM, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}.");
        foreach (var section in sections)
        {
            text.AppendLine().Append(section);
        }

        return text.ToString();
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static double MemoryGiB() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
}
