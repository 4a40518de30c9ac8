using System.Security.Claims;
using FlowForge.Core.Auditing;
using FlowForge.Core.Errors;
using FlowForge.Web.Actions;

namespace FlowForge.Web.Components.Settings;

/// <summary>What the audit entry says beyond the outcome: the parameters (secret values already masked) and the provider's answer.</summary>
internal sealed record AuditNote(IReadOnlyDictionary<string, string>? Parameters, int? UpstreamStatusCode = null);

/// <summary>
/// Runs one administrative change made in the dashboard and leaves exactly one audit entry for it, whatever happens:
/// succeeded with the status the API would answer, failed or refused with the API's status and detail
/// (<see cref="ErrorStatus"/>, shared with the API). Changes to instances and keys, unlike run actions, name no pipeline.
/// </summary>
internal sealed class AuditedCall(ActionAudit audit, ClaimsPrincipal user)
{
    public ClaimsPrincipal User => user;

    /// <param name="before">What to record if the call fails.</param>
    /// <param name="after">What to record once it succeeded (a new key's id, the outcome of a token check); <paramref name="before"/> when null.</param>
    public async Task<T> RunAsync<T>(
        string action, string? instanceId, int successStatus, AuditNote before, Func<Task<T>> call, Func<T, AuditNote>? after = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(call);
        T result;
        try
        {
            result = await call();
        }
        catch (Exception exception)
        {
            var error = ErrorStatus.Describe(exception);
            await audit.RecordAsync(
                user, action, AuditOutcomes.ForStatus(error.Status), error.Status, instanceId, maskedParameters: before.Parameters,
                upstreamStatusCode: error.UpstreamStatus, detail: error.Summary);
            throw;
        }

        var note = after?.Invoke(result) ?? before;
        await audit.RecordAsync(
            user, action, AuditOutcomes.Succeeded, successStatus, instanceId, maskedParameters: note.Parameters, upstreamStatusCode: note.UpstreamStatusCode);
        return result;
    }

    /// <summary>Records a refusal and throws <see cref="UnauthorizedAccessException"/> with <paramref name="message"/>.</summary>
    /// <param name="statusCode">404 for an instance outside the caller's scope (so it does not learn it exists), 403 otherwise.</param>
    /// <param name="detail">For the log, in the API's words for the same refusal.</param>
    public async Task RefuseAsync(string action, string? instanceId, int statusCode, string detail, string message)
    {
        await audit.RecordAsync(user, action, AuditOutcomes.Refused, statusCode, instanceId, detail: detail);
        throw new UnauthorizedAccessException(message);
    }
}
