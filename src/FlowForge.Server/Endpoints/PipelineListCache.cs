using System.Collections.Concurrent;

namespace FlowForge.Server.Endpoints;

/// <summary>
/// The serialized bytes of recent pipeline-list answers, keyed by store version and query. Dashboards poll
/// the same few queries; between two store changes every one of them is answered with bytes already made.
/// </summary>
internal sealed class PipelineListCache
{
    private const int Capacity = 64;
    private readonly ConcurrentDictionary<(long Version, string Query), byte[]> _answers = new();

    public byte[]? Find(long version, string query) => _answers.GetValueOrDefault((version, query));

    public void Keep(long version, string query, byte[] body)
    {
        if (_answers.Count >= Capacity)
        {
            // Old versions are never asked for again; dropping everything at once keeps this trivially bounded.
            _answers.Clear();
        }

        _answers[(version, query)] = body;
    }
}
