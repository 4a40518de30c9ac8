using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FlowForge.Storage.Tests.Infrastructure;

/// <summary>What every SaveChanges of the store returned: how many rows it wrote.</summary>
internal sealed class SaveCounter : SaveChangesInterceptor
{
    private readonly ConcurrentQueue<int> _results = new();

    public IReadOnlyList<int> Results => [.. _results];

    public void Clear() => _results.Clear();

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        _results.Enqueue(result);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        _results.Enqueue(result);
        return ValueTask.FromResult(result);
    }
}
