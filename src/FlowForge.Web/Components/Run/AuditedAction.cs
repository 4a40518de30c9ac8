using System.Security.Claims;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Auditing;
using FlowForge.Core.Errors;
using FlowForge.Web.Actions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowForge.Web.Components.RunView;

/// <summary>What a successful action tells its audit entry, as the API would have answered it.</summary>
/// <param name="StatusCode">201 for a trigger whose run is known, 202 otherwise, like the API.</param>
/// <param name="RunId">The run the action concerns when it was not known before (a trigger's new run).</param>
/// <param name="MaskedParameters">Replaces the parameters given up front (a trigger's accepted values).</param>
public sealed record ActionSuccess(int StatusCode, int? UpstreamStatusCode, string? RunId = null, IReadOnlyDictionary<string, string>? MaskedParameters = null);

/// <summary>
/// Runs a dashboard action so that it leaves exactly one audit entry, in the shape the API's audit filter writes:
/// refused when the user may not act, failed with the status the API would have answered, or succeeded.
/// </summary>
public static partial class AuditedAction
{
    /// <param name="maskedParameters">What the action was given, secret values already masked.</param>
    /// <returns>Null when the action succeeded; otherwise what went wrong, for the user.</returns>
    public static async Task<ErrorDescription?> RunAsync(
        ActionAudit audit,
        ILogger logger,
        ClaimsPrincipal user,
        string action,
        PipelineKey pipeline,
        string? runId,
        IReadOnlyDictionary<string, string> maskedParameters,
        Func<Task<ActionSuccess>> act)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(act);
        var instanceId = pipeline.InstanceId;
        var pipelineKey = pipeline.ToString();
        if (!ActionAvailability.MayAct(user, instanceId))
        {
            // The buttons are not shown then; a stale page (a key's role changed) still cannot act.
            var refused = new ErrorDescription(StatusCodes.Status403Forbidden, "Not allowed.", "Your key's role or instances do not allow this action.");
            await audit.RecordAsync(user, action, AuditOutcomes.Refused, refused.Status, instanceId, pipelineKey, runId, maskedParameters, detail: refused.Summary);
            return refused;
        }

        ActionSuccess success;
        try
        {
            success = await act();
        }
        catch (Exception exception)
        {
            var error = ErrorStatus.Describe(exception);
            if (error.Status >= StatusCodes.Status500InternalServerError && error.ProviderError is null)
            {
                LogUnexpected(logger, exception, action);
            }

            await audit.RecordAsync(
                user, action, AuditOutcomes.ForStatus(error.Status), error.Status, instanceId, pipelineKey, runId, maskedParameters, error.UpstreamStatus, error.Summary);
            return error;
        }

        await audit.RecordAsync(
            user, action, AuditOutcomes.Succeeded, success.StatusCode, instanceId, pipelineKey, success.RunId ?? runId,
            success.MaskedParameters ?? maskedParameters, success.UpstreamStatusCode);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dashboard action {Action} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string action);
}
