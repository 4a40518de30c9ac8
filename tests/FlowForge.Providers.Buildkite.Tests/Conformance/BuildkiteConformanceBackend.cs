using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Emulators.Buildkite;
using FlowForge.Providers.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Providers.Buildkite.Tests.Conformance;

/// <summary>The Buildkite emulator behind the conformance kit's driver.</summary>
internal sealed class BuildkiteConformanceBackend : IConformanceBackend
{
    private const string Token = "conformance-token-not-real";
    private const string WebhookSecret = "conformance-hook-secret-not-real";
    private const string Organization = "conformance";

    private static readonly Uri Nowhere = new("http://127.0.0.1:9/hooks");
    private readonly ServiceProvider _services;
    private readonly BuildkiteEmulator _emulator;
    private readonly long _genuineHooks;
    private readonly long _forgedHooks;
    private int _pipelines;

    private BuildkiteConformanceBackend(ServiceProvider services, BuildkiteEmulator emulator)
    {
        _services = services;
        _emulator = emulator;
        Plugin = services.GetServices<IProviderPlugin>().Single();
        emulator.Scenario.AddOrganization(Organization);

        // Deliveries to a closed port still record their signed body and headers: exactly what the receiver needs.
        _genuineHooks = emulator.Webhooks.Subscribe(Nowhere, WebhookSecret, BuildkiteWebhookAuth.Signature, "build.*");
        _forgedHooks = emulator.Webhooks.Subscribe(Nowhere, "someone-elses-token-not-real", BuildkiteWebhookAuth.Signature, "build.*");
    }

    public IProviderPlugin Plugin { get; }

    public string LogMarker => BuildkiteScenario.LogMarker;

    /// <summary>Buildkite declares nothing; FlowForge offers the build's fixed options and the pipeline's environment variables.</summary>
    public IReadOnlyDictionary<string, TriggerParameterType> DeclaredParameters { get; } = new Dictionary<string, TriggerParameterType>
    {
        ["commit"] = TriggerParameterType.String,
        ["message"] = TriggerParameterType.String,
        ["clean_checkout"] = TriggerParameterType.Boolean,
        ["env.DEPLOY_TARGET"] = TriggerParameterType.String,
    };

    public IReadOnlyDictionary<string, string> ValidParameterValues { get; } = new Dictionary<string, string>
    {
        ["commit"] = "HEAD",
        ["message"] = "Started by the conformance suite",
        ["clean_checkout"] = "true",
        ["env.DEPLOY_TARGET"] = "production",
    };

    public static async Task<IConformanceBackend> StartAsync()
    {
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddBuildkiteProvider().BuildServiceProvider();
        var emulator = await BuildkiteEmulator.StartAsync(
            new BuildkiteEmulatorOptions { Tokens = new Dictionary<string, BuildkiteToken> { [Token] = new("Ada Lovelace", "ada@example.com") } },
            TestContext.Current.CancellationToken);
        return new BuildkiteConformanceBackend(services, emulator);
    }

    public ProviderConnectionContext Context(IRateLimitObserver rateLimits) => ContextWith(Token, rateLimits);

    public ProviderConnectionContext ContextWithWrongCredentials(IRateLimitObserver rateLimits) => ContextWith("wrong-token-not-real", rateLimits);

    public Task<ConformancePipeline> AddPipelineAsync(string name, bool withParameters)
    {
        var pipeline = _emulator.Scenario.AddPipeline(
            Organization,
            $"{name} {Interlocked.Increment(ref _pipelines)}",
            [BuildkiteStep.Command(":hammer: Build", "make build", "build"), BuildkiteStep.Wait(), BuildkiteStep.Command(":test_tube: Test", "make test", "test")],
            withParameters ? new Dictionary<string, string> { ["DEPLOY_TARGET"] = "staging" } : null);
        return Task.FromResult(new ConformancePipeline($"{Organization}/{pipeline.Slug}", pipeline.Slug, pipeline.Name));
    }

    public Task<string> StartRunAsync(ConformancePipeline pipeline, string message) =>
        Task.FromResult(_emulator.Scenario.StartBuild(Organization, pipeline.NativeId, new BuildkiteBuildSpec("main", message, "Ada Lovelace", "ada@example.com")).RunId);

    public Task BeginRunAsync(ConformancePipeline pipeline, string runId)
    {
        _emulator.Scenario.BeginBuild(Organization, pipeline.NativeId, Number(runId));
        return Task.CompletedTask;
    }

    public Task CompleteRunAsync(ConformancePipeline pipeline, string runId, bool succeeded)
    {
        _emulator.Scenario.CompleteBuild(Organization, pipeline.NativeId, Number(runId), succeeded);
        return Task.CompletedTask;
    }

    /// <summary>The last create-build request's body, named as FlowForge's parameters name its parts.</summary>
    public IReadOnlyDictionary<string, string>? LastTriggerValues()
    {
        if (_emulator.Scenario.Triggers() is not [.., var trigger])
        {
            return null;
        }

        var values = new Dictionary<string, string> { ["commit"] = trigger.Commit };
        if (trigger.Message is { } message)
        {
            values["message"] = message;
        }

        if (trigger.CleanCheckout is { } clean)
        {
            values["clean_checkout"] = clean ? "true" : "false";
        }

        foreach (var (name, value) in trigger.Env ?? new Dictionary<string, string>())
        {
            values["env." + name] = value;
        }

        return values;
    }

    public int RequestMark() => _emulator.Requests.Snapshot().Count;

    public (int Requests, int Costly) RequestsSince(int mark)
    {
        var requests = _emulator.Requests.Snapshot().Skip(mark).ToList();
        return (requests.Count, requests.Count(request => request.Costly));
    }

    public void FailNextWithRateLimit(TimeSpan retryAfter) => _emulator.Faults.FailNext(1, BuildkiteFault.TooManyRequestsFor(retryAfter));

    public void FailNextWithMalformedBody() => _emulator.Faults.FailNext(1, BuildkiteFault.MalformedJson);

    public async Task<WebhookRequest?> WebhookForRunAsync(ConformancePipeline pipeline, string runId, bool validSignature)
    {
        await _emulator.Webhooks.WhenDeliveredAsync(TestContext.Current.CancellationToken);
        var subscription = validSignature ? _genuineHooks : _forgedHooks;
        var build = _emulator.Scenario.GetBuild(Organization, pipeline.NativeId, Number(runId));
        var delivery = _emulator.Webhooks.Deliveries.Last(candidate =>
            candidate.SubscriptionId == subscription && System.Text.Encoding.UTF8.GetString(candidate.Body.Span).Contains($"\"id\":\"{build.Id}\"", StringComparison.Ordinal));
        return new WebhookRequest(new Dictionary<string, string>(delivery.Headers, StringComparer.OrdinalIgnoreCase), delivery.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync();
        await _services.DisposeAsync();
    }

    private ProviderConnectionContext ContextWith(string token, IRateLimitObserver rateLimits) => new(
        "conformance",
        new Dictionary<string, string> { ["baseUrl"] = _emulator.ApiBaseUrl.ToString(), ["organization"] = Organization },
        new Dictionary<string, SecretValue> { ["token"] = new SecretValue(token), ["webhookSecret"] = new SecretValue(WebhookSecret) },
        rateLimits);

    private static long Number(string runId) => long.Parse(runId[(runId.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
}
