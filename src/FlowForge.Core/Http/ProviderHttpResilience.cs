using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace FlowForge.Core.Http;

/// <summary>
/// The resilience every provider client gets, so no provider writes its own: a total timeout, retries with
/// jittered exponential back-off for transient failures, a circuit breaker per upstream host, and a timeout
/// per attempt. Rate-limit answers (403/429) are not retried here: the sync engine's budget owns them, and a
/// retry would spend exactly what the provider asked FlowForge to save.
/// </summary>
public static class ProviderHttpResilience
{
    public static IServiceCollection AddProviderHttpResilience(this IServiceCollection services)
    {
        services.AddOptions<ProviderHttpOptions>().BindConfiguration(ProviderHttpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<ResilienceFailureTranslator>();
        services.ConfigureHttpClientDefaults(http =>
        {
            // Outermost: turns the pipeline's own failures into the exceptions providers already understand.
            http.AddHttpMessageHandler<ResilienceFailureTranslator>();
            http.AddResilienceHandler("provider", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<ProviderHttpOptions>>().Value;

                // Waits are real time, also when the rest of the server runs on a test clock.
                pipeline.TimeProvider = TimeProvider.System;
                pipeline.AddTimeout(options.TotalTimeout);
                var retry = new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.Retries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                };

                // A trigger that timed out may still have started a run: sending it again could start a second one.
                retry.DisableForUnsafeHttpMethods();
                pipeline.AddRetry(retry);
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 10,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = options.BreakDuration,
                    ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            }).SelectPipelineByAuthority();

            // The pipeline's timeouts decide; the client's own timeout must never cut in first.
            http.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        });
        return services;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout
            || (int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.NotImplemented,
        _ => false,
    };
}
