using System.Diagnostics;
using System.Net.Http.Headers;

namespace FlowForge.Emulators.GitLab.Webhooks;

/// <summary>Sending: each subscription's consumer POSTs its queue in order and records every attempt.</summary>
internal sealed partial class HookDispatcher
{
    private async Task ConsumeAsync(Subscription subscription)
    {
        await foreach (var work in subscription.Queue.Reader.ReadAllAsync())
        {
            try
            {
                await SendAsync(subscription, work, CancellationToken.None);
            }
            finally
            {
                Done();
            }
        }
    }

    private async Task<GitLabHookDelivery> SendAsync(Subscription subscription, Work work, CancellationToken cancellationToken)
    {
        var sentAt = _runtime.Time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Info.Url) { Content = new ByteArrayContent(work.Body) };
            foreach (var (name, value) in work.Headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            error = exception.Message;
        }

        var delivery = new GitLabHookDelivery(work.Id, work.Event, subscription.Info.Id, status, error, sentAt, clock.Elapsed, work.Redelivery, work.Headers, work.Body);
        lock (_gate)
        {
            _deliveries.AddLast(delivery);
            if (_deliveries.Count > _runtime.Options.RequestLogCapacity)
            {
                _deliveries.RemoveFirst();
            }
        }

        return delivery;
    }
}
