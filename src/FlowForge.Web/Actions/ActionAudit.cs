using System.Security.Claims;
using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using Microsoft.Extensions.Logging;

namespace FlowForge.Web.Actions;

/// <summary>
/// Writes the audit entry for an action taken in the dashboard. The HTTP API audits through an endpoint filter; the
/// dashboard acts over its live connection, so it records its actions here, in the same shape.
/// </summary>
public sealed partial class ActionAudit(IAuditLog log, TimeProvider time, ILogger<ActionAudit> logger)
{
    /// <param name="statusCode">What the equivalent API call would have answered (201, 202, 409, ...).</param>
    public async Task RecordAsync(
        ClaimsPrincipal user,
        string action,
        string outcome,
        int statusCode,
        string? instanceId = null,
        string? pipelineKey = null,
        string? runId = null,
        IReadOnlyDictionary<string, string>? maskedParameters = null,
        int? upstreamStatusCode = null,
        string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var entry = new AuditEntry(
            0, time.GetUtcNow(), user.ActorName(), user.KeyIdOf(), action, instanceId, pipelineKey, runId,
            maskedParameters ?? new Dictionary<string, string>(), outcome, statusCode, upstreamStatusCode, detail);
        try
        {
            await log.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The action already happened; losing its record is logged, not turned into a failure of the action.
            LogAuditFailed(exception, action);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit entry for {Action}")]
    private partial void LogAuditFailed(Exception exception, string action);
}
