using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Http;

namespace FlowForge.Providers.Jenkins;

/// <summary>
/// Console logs with a progressive tail: the first read of a build's log fetches it from the start, and while the build
/// runs each later read fetches only what was added since (<c>progressiveText?start=</c>). The text is bounded to its
/// last <see cref="TextTail.MaxLogBytes"/>; a finished log is forgotten here once read (the host stores it).
/// </summary>
internal sealed class JenkinsConsoleLogs(JenkinsApiClient client)
{
    /// <summary>Running builds whose log tail one connection follows; past it, the least recently read is dropped.</summary>
    private const int Capacity = 64;

    private const string Omitted = "[FlowForge: the beginning of this log is not shown]\n";

    private readonly Dictionary<string, Tail> _tails = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Counts reads, so the least recently read tail is known without a clock.</summary>
    private long _reads;

    public async Task<JobLog> GetAsync(string fullName, long number, CancellationToken cancellationToken)
    {
        var path = JenkinsPaths.BuildPath(fullName, number);
        Tail known;
        lock (_gate)
        {
            known = _tails.GetValueOrDefault(path) ?? Tail.Empty;
        }

        var read = await client.GetProgressiveTextAsync(path, known.Offset, TextTail.MaxLogBytes, cancellationToken);

        // A next start before ours means Jenkins sent the log from its beginning (it was rewritten, or ours ran past its end).
        var restarted = read.NextStart < known.Offset;
        var joined = restarted ? read.Text : known.Text + read.Text;
        var text = TextTail.Last(joined, TextTail.MaxLogBytes);
        var cut = read.Truncated || text.Length < joined.Length || (!restarted && known.Cut);
        var tail = new Tail(read.NextStart, text, cut, Interlocked.Increment(ref _reads));
        lock (_gate)
        {
            var current = _tails.GetValueOrDefault(path) ?? Tail.Empty;
            if (current.Offset > known.Offset)
            {
                // Another read got further meanwhile; its text already holds what this one read.
                tail = current;
            }
            else if (read.MoreData)
            {
                _tails[path] = tail;
                if (_tails.Count > Capacity)
                {
                    _tails.Remove(_tails.MinBy(entry => entry.Value.LastRead).Key);
                }
            }
            else
            {
                _tails.Remove(path);
            }
        }

        return new JobLog(tail.Cut ? Omitted + tail.Text : tail.Text, IsComplete: !read.MoreData);
    }

    /// <param name="Offset">Where the next read starts (Jenkins' <c>X-Text-Size</c>).</param>
    /// <param name="Cut">The beginning of the log was dropped.</param>
    private sealed record Tail(long Offset, string Text, bool Cut, long LastRead)
    {
        public static Tail Empty { get; } = new(0, "", false, 0);
    }
}
