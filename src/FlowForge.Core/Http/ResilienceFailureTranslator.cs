using Polly.CircuitBreaker;
using Polly.Timeout;

namespace FlowForge.Core.Http;

/// <summary>
/// Providers depend on the plugin SDK only and know nothing of Polly. This handler, outside the resilience
/// pipeline, turns its failures into what an <see cref="HttpClient"/> would throw: a timeout becomes a
/// <see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>, an open circuit an
/// <see cref="HttpRequestException"/>.
/// </summary>
internal sealed class ResilienceFailureTranslator : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw new TaskCanceledException($"The request timed out after {timeout.Timeout.TotalSeconds:0.#} s.", new TimeoutException(timeout.Message, timeout));
        }
        catch (BrokenCircuitException broken)
        {
            throw new HttpRequestException($"{request.RequestUri?.Host} failed repeatedly; FlowForge leaves it alone for a moment.", broken);
        }
    }
}
