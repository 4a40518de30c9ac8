using System.Diagnostics;
using FlowForge.Server.Contracts;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Hosting;

/// <summary>The demo's four instances, and waiting until each has pipelines with a latest run.</summary>
internal static class DemoPipelines
{
    public static readonly string[] Instances = ["demo-buildkite", "demo-github", "demo-gitlab", "demo-jenkins"];

    public static string InstanceOf(string pipelineKey) => pipelineKey[..pipelineKey.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>The first page of pipelines once every demo instance has some and all have a latest run; null after the deadline.</summary>
    public static async Task<PageResponse<PipelineResponse>?> WaitForAllAsync(HttpClient client, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            try
            {
                var page = await new ApiClient(client).PipelinesAsync("?limit=200");
                if (page.Items.Select(pipeline => InstanceOf(pipeline.Key)).Distinct().Count() == Instances.Length
                    && page.Items.All(pipeline => pipeline.LatestRun is not null))
                {
                    return page;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        return null;
    }
}
