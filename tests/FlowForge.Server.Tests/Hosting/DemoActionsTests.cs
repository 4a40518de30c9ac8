using System.Net;
using System.Net.Http.Json;
using FlowForge.Abstractions.Domain;
using FlowForge.Server.Contracts;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Hosting;

/// <summary>
/// What a user does first with the demo, on each of its four providers, through the API: discover a pipeline's
/// parameters, trigger it, cancel the new run, and re-run a finished one — against the emulators over real HTTP.
/// </summary>
public sealed class DemoActionsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("demo-github")]
    [InlineData("demo-gitlab")]
    [InlineData("demo-buildkite")]
    [InlineData("demo-jenkins")]
    public async Task Trigger_cancel_and_rerun_work_on_each_demo_provider(string instanceId)
    {
        await using var app = new FlowForgeApp(settings: new Dictionary<string, string?>
        {
            ["FlowForge:Demo:Enabled"] = "true",
            ["FlowForge:Sync:SchedulerEnabled"] = "true",
        });
        var api = new ApiClient(app.CreateClient());
        var listed = await DemoPipelines.WaitForAllAsync(api.Client, Deadline);
        Assert.NotNull(listed);
        var (pipeline, parameters) = await FirstTriggerableAsync(api, listed.Items.Where(item => item.Key.StartsWith(instanceId + "/", StringComparison.Ordinal)));

        using var triggered = await api.Client.PostAsJsonAsync(
            $"/api/v1/pipelines/{pipeline}/runs", new { @ref = parameters.Ref, parameters = ValuesFor(parameters) }, ApiClient.Json, Cancel);
        Assert.True(triggered.StatusCode == HttpStatusCode.Created, await triggered.Content.ReadAsStringAsync(Cancel));
        var created = (await triggered.Content.ReadFromJsonAsync<TriggerRunResponse>(ApiClient.Json, Cancel))!;
        Assert.NotNull(created.RunId);
        Assert.Equal($"{pipeline}/runs/{created.RunId}", created.RunKey);

        using var cancelled = await api.Client.PostAsJsonAsync($"/api/v1/pipelines/{pipeline}/runs/{created.RunId}/cancel", new { }, ApiClient.Json, Cancel);
        Assert.True(cancelled.StatusCode == HttpStatusCode.Accepted, await cancelled.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(RunStatus.Cancelled, await EventualStatusAsync(api, pipeline, created.RunId, RunStatus.Cancelled));

        // A failed run: every provider re-runs one (GitLab's retry only re-runs failed and cancelled jobs).
        var finished = (await api.RunsAsync(pipeline, "?limit=50&status=failed")).Items[0];
        using var rerun = await api.Client.PostAsJsonAsync($"/api/v1/pipelines/{pipeline}/runs/{finished.Id}/rerun", new { scope = "all" }, ApiClient.Json, Cancel);
        Assert.True(rerun.StatusCode == HttpStatusCode.Accepted, await rerun.Content.ReadAsStringAsync(Cancel));
        var action = (await rerun.Content.ReadFromJsonAsync<RunActionResponse>(ApiClient.Json, Cancel))!;
        Assert.False(string.IsNullOrEmpty(action.RunId));
        Assert.InRange(action.UpstreamStatus, 200, 299);
    }

    private static async Task<(string Pipeline, ParametersResponse Parameters)> FirstTriggerableAsync(ApiClient api, IEnumerable<PipelineResponse> pipelines)
    {
        foreach (var pipeline in pipelines)
        {
            var parameters = await api.GetAsync<ParametersResponse>($"/api/v1/pipelines/{pipeline.Key}/parameters");
            if (parameters.CanTrigger)
            {
                return (pipeline.Key, parameters);
            }
        }

        throw new InvalidOperationException("No demo pipeline of the instance can be triggered.");
    }

    /// <summary>What a user leaves as it is in the generated form: the defaults, and the first option where one is required.</summary>
    private static Dictionary<string, string> ValuesFor(ParametersResponse parameters)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in parameters.Parameters)
        {
            if (!string.IsNullOrEmpty(parameter.Default))
            {
                values[parameter.Name] = parameter.Default;
            }
            else if (parameter.Required)
            {
                values[parameter.Name] = parameter.Options.Count > 0 ? parameter.Options[0] : "demo";
            }
        }

        return values;
    }

    private static async Task<RunStatus> EventualStatusAsync(ApiClient api, string pipeline, string runId, RunStatus wanted)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var status = (await api.RunAsync(pipeline, runId)).Run.Status;
        while (status != wanted && clock.Elapsed < Deadline)
        {
            await Task.Delay(250, Cancel);
            status = (await api.RunAsync(pipeline, runId)).Run.Status;
        }

        return status;
    }
}
