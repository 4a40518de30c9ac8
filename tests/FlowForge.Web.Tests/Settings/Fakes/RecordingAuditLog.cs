using System.Collections.Concurrent;
using FlowForge.Core.Auditing;

namespace FlowForge.Web.Tests.Settings.Fakes;

/// <summary>Keeps what was appended, in order.</summary>
internal sealed class RecordingAuditLog : IAuditLog
{
    private readonly ConcurrentQueue<AuditEntry> _entries = new();

    public IReadOnlyList<AuditEntry> Entries => [.. _entries];

    public Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var stored = entry with { Id = _entries.Count + 1 };
        _entries.Enqueue(stored);
        return Task.FromResult(stored);
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(new AuditPage([.. _entries.Reverse()], null));
}
