using System.Diagnostics;

namespace FlowForge.Benchmarks;

/// <summary>Closed-loop load: N clients each send the next request as soon as the previous one completed.</summary>
internal static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(Func<long, Uri> url, int clients, TimeSpan warmUp, TimeSpan duration, long expectedBytes)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        await DriveAsync(http, url, clients, warmUp, expectedBytes, null);
        var latencies = new List<double>[clients];
        var elapsed = await DriveAsync(http, url, clients, duration, expectedBytes, latencies);
        var all = latencies.SelectMany(list => list).Order().ToArray();
        return new LoadResult(all.Length, all.Length / elapsed.TotalSeconds, Statistics.Percentile(all, 0.50), Statistics.Percentile(all, 0.99));
    }

    private static async Task<TimeSpan> DriveAsync(HttpClient http, Func<long, Uri> url, int clients, TimeSpan duration, long expectedBytes, List<double>[]? latencies)
    {
        var clock = Stopwatch.StartNew();
        long sequence = 0;
        var workers = Enumerable.Range(0, clients).Select(async index =>
        {
            var mine = new List<double>(4096);
            if (latencies is not null)
            {
                latencies[index] = mine;
            }

            var buffer = new byte[64 * 1024];
            while (clock.Elapsed < duration)
            {
                var target = url(Interlocked.Increment(ref sequence));
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(target, HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                long read = 0;
                int n;
                while ((n = await body.ReadAsync(buffer)) > 0)
                {
                    read += n;
                }

                if (read != expectedBytes)
                {
                    throw new InvalidOperationException($"{target} answered {read} bytes, expected {expectedBytes}.");
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
        await Task.WhenAll(workers);
        return clock.Elapsed;
    }
}

internal sealed record LoadResult(int Requests, double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds);
