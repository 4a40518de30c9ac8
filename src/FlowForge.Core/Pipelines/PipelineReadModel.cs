using System.Buffers.Text;
using System.Text;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Errors;
using FlowForge.Core.Persistence;

namespace FlowForge.Core.Pipelines;

/// <summary>
/// The dashboard's main list, held in memory and rebuilt from the store only after the store changed.
/// Listing a thousand pipelines is the hottest read FlowForge serves; answering it from memory keeps it
/// close to the cost of sending the bytes.
/// </summary>
public sealed class PipelineReadModel(IPipelineReader reader, StoreVersion version) : IDisposable
{
    private static readonly StringComparer Order = StringComparer.OrdinalIgnoreCase;
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private Snapshot? _snapshot;

    public async Task<PipelineListPage> ListAsync(PipelineListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var snapshot = await GetSnapshotAsync(cancellationToken);
        var after = query.Cursor is null ? null : DecodeCursor(query.Cursor);
        var limit = Math.Clamp(query.Limit, 1, PipelineListQuery.MaxLimit);

        var matching = snapshot.Items.Where(item => Matches(item, query)).ToList();
        var start = after is null ? 0 : FirstAfter(matching, after);
        var page = matching.Skip(start).Take(limit).ToList();
        var next = start + page.Count < matching.Count ? EncodeCursor(page[^1].Pipeline) : null;
        return new PipelineListPage(page, next, matching.Count, snapshot.Version);
    }

    public async Task<long> CurrentVersionAsync(CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken)).Version;

    public void Dispose() => _rebuild.Dispose();

    private async Task<Snapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var current = _snapshot;
        var wanted = version.Current;
        if (current is not null && current.Version == wanted)
        {
            return current;
        }

        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            current = _snapshot;
            wanted = version.Current;
            if (current is not null && current.Version == wanted)
            {
                return current;
            }

            // Read the version before the data: a write racing the read bumps it again and forces a rebuild.
            var items = await reader.ListPipelineSummariesAsync(cancellationToken);
            var sorted = items.OrderBy(item => item.Pipeline, PipelineOrder.Instance).ToArray();
            _snapshot = current = new Snapshot(wanted, sorted);
            return current;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private static bool Matches(PipelineSummary item, PipelineListQuery query)
    {
        var pipeline = item.Pipeline;
        if (query.Instance is not null && !string.Equals(pipeline.Key.InstanceId, query.Instance, StringComparison.Ordinal))
        {
            return false;
        }

        if (query.Scope is not null && !query.Scope.Contains(pipeline.Key.InstanceId))
        {
            return false;
        }

        if (query.Status is { } status && item.LatestRun?.Status != status)
        {
            return false;
        }

        if (query.Repository is not null && !string.Equals(pipeline.Repository, query.Repository, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return query.Text is null || Contains(pipeline.Name, query.Text) || Contains(pipeline.Repository, query.Text)
            || Contains(pipeline.Key.ToString(), query.Text) || Contains(item.LatestRun?.Branch, query.Text)
            || Contains(item.LatestRun?.Title, query.Text);
    }

    private static bool Contains(string? haystack, string needle) =>
        haystack is not null && haystack.Contains(needle, StringComparison.OrdinalIgnoreCase);

    private static int FirstAfter(List<PipelineSummary> items, Pipeline after)
    {
        var low = 0;
        var high = items.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (PipelineOrder.Instance.Compare(items[middle].Pipeline, after) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static string EncodeCursor(Pipeline last)
    {
        var text = string.Join('\n', last.Repository, last.Name, last.Key.ToString());
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    private static Pipeline DecodeCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\n');
            if (parts.Length == 3 && PipelineKey.TryParse(parts[2], out var key))
            {
                return new Pipeline(key.Value, parts[1], parts[0], null, null, null, Pipeline.NoExtras);
            }
        }
        catch (FormatException)
        {
        }

        throw new ValidationFailedException("cursor", "The cursor is not valid.");
    }

    private sealed record Snapshot(long Version, IReadOnlyList<PipelineSummary> Items);

    private sealed class PipelineOrder : IComparer<Pipeline>
    {
        public static readonly PipelineOrder Instance = new();

        public int Compare(Pipeline? x, Pipeline? y)
        {
            if (x is null || y is null)
            {
                return x is null ? (y is null ? 0 : -1) : 1;
            }

            var byRepository = Order.Compare(x.Repository, y.Repository);
            if (byRepository != 0)
            {
                return byRepository;
            }

            var byName = Order.Compare(x.Name, y.Name);
            return byName != 0 ? byName : string.CompareOrdinal(x.Key.ToString(), y.Key.ToString());
        }
    }
}
