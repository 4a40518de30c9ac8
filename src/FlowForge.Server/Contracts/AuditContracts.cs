using FlowForge.Core.Auditing;

namespace FlowForge.Server.Contracts;

/// <param name="Outcome"><c>succeeded</c>, <c>failed</c>, or <c>refused</c> (by access control).</param>
/// <param name="StatusCode">FlowForge's HTTP status for the request; 0 for the keys command.</param>
/// <param name="Parameters">What the action was given; secret values appear as <c>***</c>.</param>
public sealed record AuditEntryResponse(
    long Id,
    DateTimeOffset At,
    string Actor,
    string? ActorKeyId,
    string Action,
    string? InstanceId,
    string? PipelineKey,
    string? RunId,
    IReadOnlyDictionary<string, string> Parameters,
    string Outcome,
    int StatusCode,
    int? UpstreamStatusCode,
    string? Detail)
{
    public static AuditEntryResponse From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditEntryResponse(
            entry.Id, entry.At, entry.Actor, entry.ActorKeyId, entry.Action, entry.InstanceId, entry.PipelineKey, entry.RunId,
            entry.Parameters, entry.Outcome, entry.StatusCode, entry.UpstreamStatusCode, entry.Detail);
    }
}
