using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using Xunit;

namespace FlowForge.Providers.Conformance;

/// <summary>
/// What "a provider works" means, for every provider alike: a provider's test project derives from this with its
/// emulator-backed <see cref="IConformanceBackend"/>. A capability the provider does not declare is checked to be
/// absent, never assumed.
/// </summary>
public abstract partial class ProviderConformanceTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected IConformanceBackend Backend { get; private set; } = null!;

    protected RecordingRateLimits RateLimits { get; } = new();

    private ProviderCapabilities Capabilities => Backend.Plugin.Descriptor.Capabilities;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Backend = await CreateBackendAsync();

    public async ValueTask DisposeAsync()
    {
        await Backend.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract Task<IConformanceBackend> CreateBackendAsync();

    [Fact]
    public void The_descriptor_declares_exactly_what_the_connection_can_do()
    {
        var connection = Connect();
        var descriptor = Backend.Plugin.Descriptor;

        Assert.Matches("^[a-z][a-z0-9-]*$", descriptor.Kind);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.DisplayName));
        Assert.Contains(descriptor.Fields, field => field.Secret && field.Required);
        Assert.Equal(descriptor.Fields.Count, descriptor.Fields.Select(field => field.Key).Distinct(StringComparer.Ordinal).Count());
        foreach (var (flag, type) in CapabilityInterfaces)
        {
            Assert.True(descriptor.Capabilities.HasFlag(flag) == type.IsInstanceOfType(connection),
                $"{descriptor.Kind}: capability {flag} is {(descriptor.Capabilities.HasFlag(flag) ? "declared" : "not declared")} but the connection {(type.IsInstanceOfType(connection) ? "implements" : "does not implement")} {type.Name}.");
        }
    }

    [Fact]
    public async Task Discovery_lists_the_sources_and_their_pipelines()
    {
        var pipeline = await Backend.AddPipelineAsync("Build", withParameters: false);
        var connection = Connect();

        var sources = await As<ISourceDiscovery>(connection).ListSourcesAsync(Cancel);
        var source = Assert.Single(sources, candidate => candidate.Id == pipeline.SourceId);
        var pipelines = await As<IPipelineSource>(connection).ListPipelinesAsync([source], Cancel);

        var found = Assert.Single(pipelines, candidate => candidate.Key.NativeId == pipeline.NativeId);
        Assert.Equal(new PipelineKey("conformance", pipeline.NativeId), found.Key);
        Assert.Equal(pipeline.SourceId, found.Repository);
        Assert.Equal(pipeline.Name, found.Name);
    }

    [Fact]
    public async Task A_run_goes_from_queued_to_running_to_succeeded_with_jobs_steps_and_a_log()
    {
        var (pipeline, stored) = await PipelineAsync("Lifecycle");
        var connection = Connect();
        var runs = As<IRunSource>(connection);
        var runId = await Backend.StartRunAsync(pipeline, "Conformance lifecycle");

        Assert.Equal(RunStatus.Queued, (await FindAsync(runs, stored, runId)).Status);

        await Backend.BeginRunAsync(pipeline, runId);
        var running = await FindAsync(runs, stored, runId);
        Assert.Equal(RunStatus.Running, running.Status);
        Assert.NotNull(running.StartedAt);

        await Backend.CompleteRunAsync(pipeline, runId, succeeded: true);
        var finished = await runs.GetRunAsync(stored, runId, Cancel);
        Assert.Equal(RunStatus.Succeeded, finished.Status);
        Assert.Equal("Conformance lifecycle", finished.Commit?.Message ?? finished.Title);
        Assert.NotNull(finished.FinishedAt);

        var jobs = await runs.ListJobsAsync(stored, finished, Cancel);
        Assert.NotEmpty(jobs);
        Assert.All(jobs, job => Assert.Equal(RunStatus.Succeeded, job.Status));
        if (Capabilities.HasFlag(ProviderCapabilities.Logs))
        {
            var log = await As<IJobLogSource>(connection).GetJobLogAsync(stored, finished, jobs[0], Cancel);
            Assert.Contains(Backend.LogMarker, log.Text, StringComparison.Ordinal);
            Assert.True(log.IsComplete);
        }
    }

    [Fact]
    public async Task A_failing_run_ends_failed_with_a_failed_job()
    {
        var (pipeline, stored) = await PipelineAsync("Failing");
        var connection = Connect();
        var runs = As<IRunSource>(connection);
        var runId = await Backend.StartRunAsync(pipeline, "Conformance failure");
        await Backend.BeginRunAsync(pipeline, runId);

        await Backend.CompleteRunAsync(pipeline, runId, succeeded: false);

        var finished = await FindAsync(runs, stored, runId);
        Assert.Equal(RunStatus.Failed, finished.Status);
        Assert.Contains(await runs.ListJobsAsync(stored, finished, Cancel), job => job.Status == RunStatus.Failed);
    }

    [Fact]
    public async Task Wrong_credentials_are_an_authentication_failure_that_names_no_secret()
    {
        await Backend.AddPipelineAsync("Any", withParameters: false);
        var connection = Backend.Plugin.Connect(Backend.ContextWithWrongCredentials(RateLimits));

        var error = await Assert.ThrowsAsync<ProviderException>(() => As<ISourceDiscovery>(connection).ListSourcesAsync(Cancel));

        Assert.Equal(ProviderErrorKind.AuthenticationFailed, error.Kind);
        foreach (var secret in Backend.ContextWithWrongCredentials(RateLimits).Secrets.Values)
        {
            Assert.DoesNotContain(secret.Reveal(), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_rate_limit_answer_says_when_to_try_again()
    {
        await Backend.AddPipelineAsync("Any", withParameters: false);
        var connection = Connect();
        Backend.FailNextWithRateLimit(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<ProviderException>(() => As<ISourceDiscovery>(connection).ListSourcesAsync(Cancel));

        Assert.Equal(ProviderErrorKind.RateLimited, error.Kind);
        Assert.NotNull(error.RetryAt);
        Assert.InRange(error.RetryAt.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task A_malformed_answer_is_a_bad_response_not_a_crash()
    {
        await Backend.AddPipelineAsync("Any", withParameters: false);
        var connection = Connect();
        Backend.FailNextWithMalformedBody();

        var error = await Assert.ThrowsAsync<ProviderException>(() => As<ISourceDiscovery>(connection).ListSourcesAsync(Cancel));

        Assert.Equal(ProviderErrorKind.BadResponse, error.Kind);
    }

    [Fact]
    public async Task Polling_again_with_nothing_new_is_cheap()
    {
        var (pipeline, stored) = await PipelineAsync("Idle");
        var runId = await Backend.StartRunAsync(pipeline, "Done before we look");
        await Backend.BeginRunAsync(pipeline, runId);
        await Backend.CompleteRunAsync(pipeline, runId, succeeded: true);
        var runs = As<IRunSource>(Connect());
        await runs.ListRecentRunsAsync([stored], 30, Cancel);
        var mark = Backend.RequestMark();

        var again = await runs.ListRecentRunsAsync([stored], 30, Cancel);

        Assert.Contains(again, run => run.NativeId == runId);
        var (requests, costly) = Backend.RequestsSince(mark);
        Assert.True(requests <= 1, $"An idle poll of one pipeline sent {requests} requests.");
        if (Capabilities.HasFlag(ProviderCapabilities.ConditionalRequests))
        {
            Assert.Equal(0, costly);
        }
    }
}
