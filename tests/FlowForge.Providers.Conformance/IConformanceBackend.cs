using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;

namespace FlowForge.Providers.Conformance;

/// <summary>
/// A provider and its emulator, driven the same way for every provider, so the conformance tests can say what a
/// working provider does without knowing whose API it speaks.
/// </summary>
public interface IConformanceBackend : IAsyncDisposable
{
    IProviderPlugin Plugin { get; }

    /// <summary>A connection context with valid credentials (and the webhook secret, where the provider has webhooks).</summary>
    ProviderConnectionContext Context(IRateLimitObserver rateLimits);

    /// <summary>The same instance, but with credentials the emulator refuses.</summary>
    ProviderConnectionContext ContextWithWrongCredentials(IRateLimitObserver rateLimits);

    /// <summary>
    /// Adds a pipeline in a new source. With <paramref name="withParameters"/>, the pipeline declares the parameters
    /// of <see cref="DeclaredParameters"/>.
    /// </summary>
    Task<ConformancePipeline> AddPipelineAsync(string name, bool withParameters);

    /// <summary>Starts a run upstream (queued); returns its id as the provider reports it.</summary>
    Task<string> StartRunAsync(ConformancePipeline pipeline, string message);

    Task BeginRunAsync(ConformancePipeline pipeline, string runId);

    Task CompleteRunAsync(ConformancePipeline pipeline, string runId, bool succeeded);

    /// <summary>Text that every started job's log contains.</summary>
    string LogMarker { get; }

    /// <summary>What the parametrised pipeline declares: name and type.</summary>
    IReadOnlyDictionary<string, TriggerParameterType> DeclaredParameters { get; }

    /// <summary>Valid values for <see cref="DeclaredParameters"/>, in the provider's text form.</summary>
    IReadOnlyDictionary<string, string> ValidParameterValues { get; }

    /// <summary>The parameter values the emulator received with the last trigger, as text; null when none came.</summary>
    IReadOnlyDictionary<string, string>? LastTriggerValues();

    /// <summary>How many API requests the emulator received, and how many of them cost rate-limit budget.</summary>
    (int Requests, int Costly) RequestsSince(int mark);

    /// <summary>A mark for <see cref="RequestsSince"/>.</summary>
    int RequestMark();

    void FailNextWithRateLimit(TimeSpan retryAfter);

    void FailNextWithMalformedBody();

    /// <summary>
    /// A delivery about the run's current state, as the provider would send it, signed with the configured secret
    /// or with another one. Null when the provider has no webhooks.
    /// </summary>
    Task<WebhookRequest?> WebhookForRunAsync(ConformancePipeline pipeline, string runId, bool validSignature);
}

/// <summary>A pipeline the backend made, as the provider will report it.</summary>
/// <param name="SourceId">The <see cref="WatchableSource.Id"/> it belongs to.</param>
/// <param name="NativeId">The native id in its <see cref="PipelineKey"/>.</param>
public sealed record ConformancePipeline(string SourceId, string NativeId, string Name);
