using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Server.Access;

namespace FlowForge.Server.Auditing;

/// <summary>Builds an audit entry from the request (who, route, what the handler told) and appends it.</summary>
internal sealed partial class AuditRecorder(IAuditLog log, TimeProvider time, ILogger<AuditRecorder> logger)
{
    private const int MaxParameters = 50;
    private const int MaxValueLength = 500;
    private const int MaxDetailLength = 1000;

    /// <summary>
    /// Appends the entry. Never throws: the action has happened (or been refused) whatever the log says, and failing
    /// the response now would invite a retry that acts twice; a failed append is logged as an error instead.
    /// </summary>
    /// <param name="outcome">Overrides the outcome the status implies (a scope refusal answers 404 but is refused).</param>
    public async Task RecordAsync(HttpContext context, string action, int statusCode, string? detail, int? upstreamStatusCode, string? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = AuditHttpContextExtensions.AuditStateOf(context);
        var user = context.User;
        var entry = new AuditEntry(
            0,
            time.GetUtcNow(),
            user.ActorName(),
            user.KeyIdOf(),
            action,
            state?.InstanceId ?? RouteInstance.Of(context),
            RouteInstance.PipelineOf(context),
            state?.RunId ?? RouteValue(context, "runId"),
            Bounded(state?.Parameters),
            outcome ?? AuditOutcomes.ForStatus(statusCode),
            statusCode,
            state?.UpstreamStatusCode ?? upstreamStatusCode,
            statusCode < StatusCodes.Status400BadRequest ? null : Truncate(detail, MaxDetailLength));
        try
        {
            // Not the request's token: a client hanging up must not take the record of what it did with it.
            await log.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogAppendFailed(logger, exception, action, entry.Actor, statusCode);
        }
    }

    private static string? RouteValue(HttpContext context, string name) =>
        context.Request.RouteValues.TryGetValue(name, out var value) ? value as string : null;

    private static Dictionary<string, string> Bounded(Dictionary<string, string>? parameters)
    {
        var bounded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in (parameters ?? []).OrderBy(pair => pair.Key, StringComparer.Ordinal).Take(MaxParameters))
        {
            bounded[Truncate(key, 100)!] = Truncate(value, MaxValueLength) ?? string.Empty;
        }

        return bounded;
    }

    private static string? Truncate(string? text, int length) =>
        text is null || text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit entry for {Action} by {Actor} (status {StatusCode})")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string action, string actor, int statusCode);
}
