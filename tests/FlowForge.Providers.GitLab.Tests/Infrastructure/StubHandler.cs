using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace FlowForge.Providers.GitLab.Tests.Infrastructure;

/// <summary>Answers requests with canned responses, in order, and keeps what it was sent (headers included).</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>> _answers = new();

    public ConcurrentQueue<HttpRequestMessage> Requests { get; } = new();

    public StubHandler Answer(HttpStatusCode status, string body, string mediaType = "application/json", Action<HttpResponseMessage>? configure = null)
    {
        _answers.Enqueue(request =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType), RequestMessage = request };
            configure?.Invoke(response);
            return response;
        });
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(_answers.TryDequeue(out var answer)
            ? answer(request)
            : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("{\"message\":\"404 Not Found\"}", Encoding.UTF8, "application/json"), RequestMessage = request });
    }
}
