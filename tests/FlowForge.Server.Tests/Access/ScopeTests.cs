using System.Net;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Events;
using FlowForge.Server.Contracts;
using FlowForge.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Server.Tests.Access;

/// <summary>A key limited to acme sees acme only: lists are filtered, zeta answers 404 as if it did not exist.</summary>
public sealed class ScopeTests : IAsyncLifetime
{
    private AccessWorld _world = null!;
    private HttpClient _acme = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _world = await AccessWorld.StartAsync();
        _acme = _world.Client(await _world.KeyAsync("acme-only", "operator", "acme"));
    }

    public async ValueTask DisposeAsync()
    {
        _acme.Dispose();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task Lists_show_only_the_keys_instances()
    {
        var api = new ApiClient(_acme);

        var instances = await api.GetAsync<List<InstanceResponse>>("/api/v1/instances");
        var pipelines = await api.GetAsync<PageResponse<PipelineResponse>>("/api/v1/pipelines");
        var everything = await new ApiClient(_world.Admin).GetAsync<PageResponse<PipelineResponse>>("/api/v1/pipelines");

        Assert.Equal("acme", Assert.Single(instances).Id);
        Assert.Equal("acme/ci", Assert.Single(pipelines.Items).Key);
        Assert.Equal(1, pipelines.Total);
        Assert.Equal(2, everything.Items.Count);
    }

    [Fact]
    public async Task The_pipeline_list_cache_never_hands_one_scope_anothers_answer()
    {
        var admin = new ApiClient(_world.Admin);
        var api = new ApiClient(_acme);

        Assert.Equal(2, (await admin.GetAsync<PageResponse<PipelineResponse>>("/api/v1/pipelines")).Items.Count);
        Assert.Single((await api.GetAsync<PageResponse<PipelineResponse>>("/api/v1/pipelines")).Items);
        Assert.Equal(2, (await admin.GetAsync<PageResponse<PipelineResponse>>("/api/v1/pipelines")).Items.Count);
    }

    [Theory]
    [InlineData("GET", "/api/v1/instances/zeta")]
    [InlineData("GET", "/api/v1/instances/zeta/health")]
    [InlineData("GET", "/api/v1/instances/zeta/sync")]
    [InlineData("POST", "/api/v1/instances/zeta/sync")]
    [InlineData("GET", "/api/v1/pipelines/zeta/ci")]
    [InlineData("GET", "/api/v1/pipelines/zeta/ci/runs")]
    [InlineData("GET", "/api/v1/pipelines/zeta/ci/runs/1")]
    [InlineData("GET", "/api/v1/pipelines/zeta/ci/runs/1/jobs/2/log")]
    [InlineData("GET", "/api/v1/instances/nowhere")]
    public async Task Another_instance_answers_404_whether_or_not_it_exists(string method, string path)
    {
        using var response = await _acme.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.DoesNotContain("scope", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_event_stream_carries_only_the_keys_instances()
    {
        await using var stream = await SseReader.OpenAsync(_acme, "/api/v1/events");
        var bus = _world.App.Services.GetRequiredService<IEventBus>();
        var now = _world.Time.GetUtcNow();

        await bus.PublishAsync(
            [
                new FlowEvent(FlowEventType.InstanceHealthChanged, "zeta", null, now, Health: InstanceHealth.NotSynced),
                new FlowEvent(FlowEventType.PipelineAdded, "zeta", new PipelineKey("zeta", "ci"), now),
                new FlowEvent(FlowEventType.PipelineAdded, "acme", new PipelineKey("acme", "ci"), now),
            ],
            Cancel);
        var events = await stream.EventsUntilAsync(message => message.Type == "pipelineAdded", TimeSpan.FromSeconds(5));

        var only = Assert.Single(events);
        Assert.Contains("\"acme\"", only.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("zeta", only.Data, StringComparison.Ordinal);
    }
}
