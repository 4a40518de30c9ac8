using FlowForge.Abstractions.Http;

namespace FlowForge.Providers.Jenkins;

/// <summary>Console logs, read progressively.</summary>
internal sealed partial class JenkinsApiClient
{
    /// <summary>
    /// <c>GET {build}logText/progressiveText?start=</c>: the console from byte <paramref name="start"/> on, as plain text.
    /// Jenkins tells where the text ends (<c>X-Text-Size</c>, the next start) and whether more will come
    /// (<c>X-More-Data: true</c> while the build runs); a start past the end makes it send the log from the beginning.
    /// </summary>
    /// <param name="maxBytes">At most this much of the answer's end is kept.</param>
    public Task<ProgressiveText> GetProgressiveTextAsync(string buildPath, long start, int maxBytes, CancellationToken cancellationToken) =>
        ExchangeAsync(
            new JenkinsCall(HttpMethod.Get, Url($"{buildPath}logText/progressiveText?start={JenkinsPaths.Number(start)}"), Streamed: true, Cached: false),
            async (response, _, _) =>
            {
                var tail = await TextTail.ReadAsync(response.Content, maxBytes, cancellationToken);
                var next = ResponseHeaders.ReadLong(response.Headers, "X-Text-Size") ?? start + tail.TotalBytes;
                var more = string.Equals(ResponseHeaders.ReadText(response.Headers, "X-More-Data"), "true", StringComparison.OrdinalIgnoreCase);
                return new ProgressiveText(tail.Text, next, more, tail.Truncated);
            },
            cancellationToken);
}

/// <param name="NextStart">Where the next read continues (<c>X-Text-Size</c>).</param>
/// <param name="MoreData">The build still runs and its log may grow.</param>
/// <param name="Truncated">Only the end of the text was kept.</param>
internal sealed record ProgressiveText(string Text, long NextStart, bool MoreData, bool Truncated);
