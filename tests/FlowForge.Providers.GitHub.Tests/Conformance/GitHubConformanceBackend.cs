using System.Globalization;
using System.Text;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Emulators.GitHub;
using FlowForge.Providers.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Providers.GitHub.Tests.Conformance;

/// <summary>The GitHub emulator behind the conformance kit's driver.</summary>
internal sealed class GitHubConformanceBackend : IConformanceBackend
{
    private const string Token = "conformance-token-not-real";
    private const string WebhookSecret = "conformance-hook-secret-not-real";
    private const string ParametrisedWorkflow = """
        name: Parametrised
        on:
          workflow_dispatch:
            inputs:
              target:
                type: string
                required: true
              dry_run:
                type: boolean
                default: false
              level:
                type: choice
                options: [debug, info]
                default: info
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: echo build
        """;

    private static readonly Uri Nowhere = new("http://127.0.0.1:9/hooks");
    private readonly ServiceProvider _services;
    private readonly GitHubEmulator _emulator;
    private readonly long _genuineHooks;
    private readonly long _forgedHooks;
    private int _sources;

    private GitHubConformanceBackend(ServiceProvider services, GitHubEmulator emulator)
    {
        _services = services;
        _emulator = emulator;
        Plugin = services.GetServices<IProviderPlugin>().Single();

        // Deliveries to a closed port still record their signed body and headers: exactly what the receiver needs.
        _genuineHooks = emulator.Webhooks.Subscribe(Nowhere, WebhookSecret, "workflow_run");
        _forgedHooks = emulator.Webhooks.Subscribe(Nowhere, "someone-elses-secret-not-real", "workflow_run");
    }

    public IProviderPlugin Plugin { get; }

    public string LogMarker => "Current runner version";

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
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddGitHubProvider().BuildServiceProvider();
        var emulator = await GitHubEmulator.StartAsync(
            new GitHubEmulatorOptions { Tokens = new Dictionary<string, string> { [Token] = "octocat" } },
            TestContext.Current.CancellationToken);
        return new GitHubConformanceBackend(services, emulator);
    }

    public ProviderConnectionContext Context(IRateLimitObserver rateLimits) => ContextWith(Token, rateLimits);

    public ProviderConnectionContext ContextWithWrongCredentials(IRateLimitObserver rateLimits) => ContextWith("wrong-token-not-real", rateLimits);

    public Task<ConformancePipeline> AddPipelineAsync(string name, bool withParameters)
    {
        var repository = $"conformance/{name.ToLowerInvariant()}-{Interlocked.Increment(ref _sources)}";
        _emulator.Scenario.AddRepository("conformance", repository[(repository.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        var workflow = _emulator.Scenario.AddWorkflow(repository, name, $".github/workflows/{name.ToLowerInvariant()}.yml", withParameters ? ParametrisedWorkflow.Replace("Parametrised", name, StringComparison.Ordinal) : null);
        return Task.FromResult(new ConformancePipeline(repository, Id(workflow.Id), name));
    }

    public Task<string> StartRunAsync(ConformancePipeline pipeline, string message)
    {
        var run = _emulator.Scenario.StartRun(long.Parse(pipeline.NativeId, CultureInfo.InvariantCulture), new RunSpec("main", message, "Ada", "ada@example.com", "ada"));
        return Task.FromResult(Id(run.Id));
    }

    public Task BeginRunAsync(ConformancePipeline pipeline, string runId)
    {
        _emulator.Scenario.BeginRun(long.Parse(runId, CultureInfo.InvariantCulture));
        return Task.CompletedTask;
    }

    public Task CompleteRunAsync(ConformancePipeline pipeline, string runId, bool succeeded)
    {
        _emulator.Scenario.CompleteRun(long.Parse(runId, CultureInfo.InvariantCulture), succeeded ? "success" : "failure");
        return Task.CompletedTask;
    }

    public IReadOnlyDictionary<string, string>? LastTriggerValues() => _emulator.Scenario.Dispatches() is { Count: > 0 } dispatches ? dispatches[^1].Inputs : null;

    public int RequestMark() => _emulator.Requests.Snapshot().Count;

    public (int Requests, int Costly) RequestsSince(int mark)
    {
        var requests = _emulator.Requests.Snapshot().Skip(mark).ToList();
        return (requests.Count, requests.Count(request => request.CostRateLimit));
    }

    public void FailNextWithRateLimit(TimeSpan retryAfter) => _emulator.Faults.FailNext(1, EmulatedFault.TooManyRequestsFor(retryAfter));

    public void FailNextWithMalformedBody() => _emulator.Faults.FailNext(1, EmulatedFault.MalformedJson);

    public async Task<WebhookRequest?> WebhookForRunAsync(ConformancePipeline pipeline, string runId, bool validSignature)
    {
        await _emulator.Webhooks.WhenDeliveredAsync(TestContext.Current.CancellationToken);
        var subscription = validSignature ? _genuineHooks : _forgedHooks;
        var delivery = _emulator.Webhooks.Deliveries.Last(candidate =>
            candidate.SubscriptionId == subscription && Encoding.UTF8.GetString(candidate.Body.Span).Contains($"\"id\":{runId},", StringComparison.Ordinal));
        return new WebhookRequest(new Dictionary<string, string>(delivery.Headers, StringComparer.OrdinalIgnoreCase), delivery.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync();
        await _services.DisposeAsync();
    }

    private ProviderConnectionContext ContextWith(string token, IRateLimitObserver rateLimits) => new(
        "conformance",
        new Dictionary<string, string> { ["baseUrl"] = _emulator.ApiBaseUrl.ToString() },
        new Dictionary<string, SecretValue> { ["token"] = new SecretValue(token), ["webhookSecret"] = new SecretValue(WebhookSecret) },
        rateLimits);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
