using System.Text;

namespace FlowForge.Server.Tests.Infrastructure;

/// <summary>Reads a Server-Sent Events stream the way a browser's EventSource does, comments included.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private Task<string?>? _pending;

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
        var deadline = DateTime.UtcNow + timeout;
        string? id = null, type = null, comment = null;
        var data = new StringBuilder();
        while (await ReadLineAsync(deadline) is { } line)
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

        return null;
    }

    /// <summary>
    /// A line, or null at the end of the stream or the deadline. A read that outlives the deadline is kept for
    /// the next call: cancelling a read on a live HTTP stream would abort the connection.
    /// </summary>
    private async Task<string?> ReadLineAsync(DateTime deadline)
    {
        _pending ??= _reader.ReadLineAsync(TestContext.Current.CancellationToken).AsTask();
        var remaining = deadline - DateTime.UtcNow;
        if (remaining <= TimeSpan.Zero || await Task.WhenAny(_pending, Task.Delay(remaining, TestContext.Current.CancellationToken)) != _pending)
        {
            return null;
        }

        var line = await _pending;
        _pending = null;
        return line;
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
