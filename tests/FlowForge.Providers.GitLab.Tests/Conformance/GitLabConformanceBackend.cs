using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Emulators.GitLab;
using FlowForge.Providers.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Providers.GitLab.Tests.Conformance;

/// <summary>The GitLab emulator behind the conformance kit's driver.</summary>
internal sealed class GitLabConformanceBackend : IConformanceBackend
{
    private const string Token = "conformance-token-not-real";
    private const string WebhookSecret = "conformance-hook-secret-not-real";

    /// <summary>Inputs of every type the kit checks, and a prefilled variable (which is sent as a variable, not an input).</summary>
    private const string ParametrisedCiFile = """
        spec:
          inputs:
            target:
              description: Where to deploy
            dry_run:
              type: boolean
              default: false
            level:
              options: [debug, info]
              default: info
        ---
        variables:
          DEPLOY_NOTE:
            value: ""
            description: A note for the deploy log

        build:
          stage: build
          script: echo build
        """;

    private static readonly Uri Nowhere = new("http://127.0.0.1:9/hooks");
    private readonly ServiceProvider _services;
    private readonly GitLabEmulator _emulator;
    private readonly long _genuineHook;
    private readonly long _forgedHook;
    private int _sources;

    private GitLabConformanceBackend(ServiceProvider services, GitLabEmulator emulator)
    {
        _services = services;
        _emulator = emulator;
        Plugin = services.GetServices<IProviderPlugin>().Single();

        // Deliveries to a closed port are still recorded with their body and headers: exactly what the receiver needs.
        _genuineHook = emulator.Webhooks.Subscribe(Nowhere, WebhookSecret, "pipeline");
        _forgedHook = emulator.Webhooks.Subscribe(Nowhere, "someone-elses-token-not-real", "pipeline");
    }

    public IProviderPlugin Plugin { get; }

    public string LogMarker => "Running with gitlab-runner";

    public IReadOnlyDictionary<string, TriggerParameterType> DeclaredParameters { get; } = new Dictionary<string, TriggerParameterType>
    {
        ["target"] = TriggerParameterType.String,
        ["dry_run"] = TriggerParameterType.Boolean,
        ["level"] = TriggerParameterType.Choice,
        ["DEPLOY_NOTE"] = TriggerParameterType.String,
    };

    public IReadOnlyDictionary<string, string> ValidParameterValues { get; } = new Dictionary<string, string>
    {
        ["target"] = "staging",
        ["dry_run"] = "true",
        ["level"] = "debug",
        ["DEPLOY_NOTE"] = "conformance",
    };

    public static async Task<IConformanceBackend> StartAsync()
    {
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddGitLabProvider().BuildServiceProvider();
        var emulator = await GitLabEmulator.StartAsync(
            new GitLabEmulatorOptions { Tokens = new Dictionary<string, string> { [Token] = "conformance" } },
            TestContext.Current.CancellationToken);
        return new GitLabConformanceBackend(services, emulator);
    }

    public ProviderConnectionContext Context(IRateLimitObserver rateLimits) => ContextWith(Token, rateLimits);

    public ProviderConnectionContext ContextWithWrongCredentials(IRateLimitObserver rateLimits) => ContextWith("wrong-token-not-real", rateLimits);

    public Task<ConformancePipeline> AddPipelineAsync(string name, bool withParameters)
    {
        var project = _emulator.Scenario.AddProject(
            "conformance", $"{name.ToLowerInvariant()}-{Interlocked.Increment(ref _sources)}", name, ciFile: withParameters ? ParametrisedCiFile : null);
        return Task.FromResult(new ConformancePipeline(project.PathWithNamespace, Id(project.Id), name));
    }

    public Task<string> StartRunAsync(ConformancePipeline pipeline, string message)
    {
        var run = _emulator.Scenario.StartPipeline(long.Parse(pipeline.NativeId, CultureInfo.InvariantCulture), new PipelineSpec("main", message, "Ada", "ada@example.com", "ada"));
        return Task.FromResult(Id(run.Id));
    }

    public Task BeginRunAsync(ConformancePipeline pipeline, string runId)
    {
        _emulator.Scenario.BeginPipeline(long.Parse(runId, CultureInfo.InvariantCulture));
        return Task.CompletedTask;
    }

    public Task CompleteRunAsync(ConformancePipeline pipeline, string runId, bool succeeded)
    {
        _emulator.Scenario.CompletePipeline(long.Parse(runId, CultureInfo.InvariantCulture), succeeded ? GitLabStatus.Success : GitLabStatus.Failed);
        return Task.CompletedTask;
    }

    public IReadOnlyDictionary<string, string>? LastTriggerValues() =>
        _emulator.Scenario.Triggers() is { Count: > 0 } triggers ? triggers[^1].Values() : null;

    public int RequestMark() => _emulator.Requests.Snapshot().Count;

    public (int Requests, int Costly) RequestsSince(int mark)
    {
        var requests = _emulator.Requests.Snapshot().Skip(mark).ToList();
        return (requests.Count, requests.Count(request => request.CostRateLimit));
    }

    public void FailNextWithRateLimit(TimeSpan retryAfter) => _emulator.Faults.FailNext(1, GitLabFault.Throttled(retryAfter));

    public void FailNextWithMalformedBody() => _emulator.Faults.FailNext(1, GitLabFault.MalformedJson);

    public async Task<WebhookRequest?> WebhookForRunAsync(ConformancePipeline pipeline, string runId, bool validSignature)
    {
        await _emulator.Webhooks.WhenDeliveredAsync(TestContext.Current.CancellationToken);
        var hook = validSignature ? _genuineHook : _forgedHook;
        var delivery = _emulator.Webhooks.Deliveries.Last(candidate =>
            candidate.SubscriptionId == hook && candidate.BodyText.Contains($"\"id\":{runId},", StringComparison.Ordinal));
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
