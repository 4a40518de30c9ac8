using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Emulators.Jenkins;
using FlowForge.Providers.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Providers.Jenkins.Tests.Conformance;

/// <summary>
/// The Jenkins emulator behind the conformance kit's driver. Every pipeline is a Pipeline job in a folder of its own (so
/// discovery descends into folders); a run starts as a queue item waiting for an executor, which the scenario starts.
/// </summary>
internal sealed class JenkinsConformanceBackend : IConformanceBackend
{
    private const string User = "conformance-bot";
    private const string Token = "conformance-token-not-real";

    private readonly ServiceProvider _services;
    private readonly JenkinsEmulator _emulator;
    private readonly ConcurrentDictionary<string, long> _queueItems = new(StringComparer.Ordinal);
    private int _folders;

    private JenkinsConformanceBackend(ServiceProvider services, JenkinsEmulator emulator)
    {
        _services = services;
        _emulator = emulator;
        Plugin = services.GetServices<IProviderPlugin>().Single();
    }

    public IProviderPlugin Plugin { get; }

    /// <summary>Every build's console begins with its cause.</summary>
    public string LogMarker => "Started by user";

    public IReadOnlyDictionary<string, TriggerParameterType> DeclaredParameters { get; } = new Dictionary<string, TriggerParameterType>
    {
        ["target"] = TriggerParameterType.String,
        ["dry_run"] = TriggerParameterType.Boolean,
        ["level"] = TriggerParameterType.Choice,
    };

    public IReadOnlyDictionary<string, string> ValidParameterValues { get; } = new Dictionary<string, string>
    {
        ["target"] = "staging",
        ["dry_run"] = "true",
        ["level"] = "debug",
    };

    public static async Task<IConformanceBackend> StartAsync()
    {
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddJenkinsProvider().BuildServiceProvider();
        var emulator = await JenkinsEmulator.StartAsync(
            new JenkinsEmulatorOptions { Users = new Dictionary<string, string> { [User] = Token } },
            TestContext.Current.CancellationToken);
        return new JenkinsConformanceBackend(services, emulator);
    }

    public ProviderConnectionContext Context(IRateLimitObserver rateLimits) => ContextWith(Token, rateLimits);

    public ProviderConnectionContext ContextWithWrongCredentials(IRateLimitObserver rateLimits) => ContextWith("wrong-token-not-real", rateLimits);

    public Task<ConformancePipeline> AddPipelineAsync(string name, bool withParameters)
    {
        var folder = $"conformance-{Interlocked.Increment(ref _folders)}";
        JenkinsParameterSpec[]? parameters = withParameters
            ?
            [
                new("target", JenkinsParameterType.String, "dev"),
                new("dry_run", JenkinsParameterType.Boolean, "false"),
                new("level", JenkinsParameterType.Choice, Choices: ["info", "debug"]),
            ]
            : null;
        var job = _emulator.Scenario.AddPipelineJob($"{folder}/{name}", new JenkinsJobSpec(Parameters: parameters));
        return Task.FromResult(new ConformancePipeline(job.FullName, $"{folder}~{name}", job.FullDisplayName));
    }

    /// <summary>Queues a build; its run id carries the number the build will get, as the provider reports it.</summary>
    public Task<string> StartRunAsync(ConformancePipeline pipeline, string message)
    {
        var number = _emulator.Scenario.GetItem(pipeline.SourceId).NextBuildNumber;
        var item = _emulator.Scenario.QueueBuild(pipeline.SourceId, new JenkinsBuildSpec(message, "Ada Lovelace", "ada@example.com", UserId: User));
        var runId = $"{pipeline.NativeId}:{number}";
        _queueItems[runId] = item.Id;
        return Task.FromResult(runId);
    }

    public Task BeginRunAsync(ConformancePipeline pipeline, string runId)
    {
        _emulator.Scenario.StartBuild(_queueItems[runId]);
        return Task.CompletedTask;
    }

    public Task CompleteRunAsync(ConformancePipeline pipeline, string runId, bool succeeded)
    {
        _emulator.Scenario.CompleteBuild(pipeline.SourceId, Number(runId), succeeded ? JenkinsResult.Success : JenkinsResult.Failure);
        return Task.CompletedTask;
    }

    public IReadOnlyDictionary<string, string>? LastTriggerValues() => _emulator.Scenario.Triggers() is { Count: > 0 } triggers ? triggers[^1].Parameters : null;

    public int RequestMark() => _emulator.Requests.Snapshot().Count;

    public (int Requests, int Costly) RequestsSince(int mark)
    {
        var requests = _emulator.Requests.Snapshot().Skip(mark).ToList();
        return (requests.Count, requests.Count(request => request.Costly));
    }

    public void FailNextWithRateLimit(TimeSpan retryAfter) => _emulator.Faults.FailNext(1, JenkinsFault.TooManyRequests(retryAfter));

    public void FailNextWithMalformedBody() => _emulator.Faults.FailNext(1, JenkinsFault.MalformedJson);

    /// <summary>Core Jenkins sends no webhooks.</summary>
    public Task<WebhookRequest?> WebhookForRunAsync(ConformancePipeline pipeline, string runId, bool validSignature) => Task.FromResult<WebhookRequest?>(null);

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync();
        await _services.DisposeAsync();
    }

    private ProviderConnectionContext ContextWith(string token, IRateLimitObserver rateLimits) => new(
        "conformance",
        new Dictionary<string, string> { ["baseUrl"] = _emulator.BaseUrl.ToString(), ["username"] = User },
        new Dictionary<string, SecretValue> { ["token"] = new SecretValue(token) },
        rateLimits);

    private static int Number(string runId) => int.Parse(runId[(runId.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
