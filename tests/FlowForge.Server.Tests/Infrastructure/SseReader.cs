using System.Text;

namespace FlowForge.Server.Tests.Infrastructure;

/// <summary>Reads a Server-Sent Events stream the way a browser's EventSource does, comments included.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _reader = new StreamReader(stream, Encoding.UTF8);
    }

    public HttpResponseMessage Response => _response;

    public static async Task<SseReader> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        return new SseReader(response, await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The next message (event or comment), or null when the stream ended or nothing came in time.</summary>
    public async Task<SseMessage?> NextAsync(TimeSpan timeout)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        string? id = null, type = null, comment = null;
        var data = new StringBuilder();
        try
        {
            while (await _reader.ReadLineAsync(cancel.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (id is null && type is null && comment is null && data.Length == 0)
                    {
                        continue;
                    }

                    return new SseMessage(id, type, data.ToString(), comment);
                }

                if (line.StartsWith(':'))
                {
                    comment = line[1..].Trim();
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line[6..]);
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }

        return null;
    }

    /// <summary>Events (not comments or the retry hint) until <paramref name="until"/> holds for one, or time runs out.</summary>
    public async Task<List<SseMessage>> EventsUntilAsync(Func<SseMessage, bool> until, TimeSpan timeout)
    {
        var received = new List<SseMessage>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && await NextAsync(deadline - DateTime.UtcNow) is { } message)
        {
            if (message.Type is null)
            {
                continue;
            }

            received.Add(message);
            if (until(message))
            {
                break;
            }
        }

        return received;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}

public sealed record SseMessage(string? Id, string? Type, string Data, string? Comment);
