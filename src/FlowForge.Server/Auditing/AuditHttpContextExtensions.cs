namespace FlowForge.Server.Auditing;

/// <summary>
/// What a handler tells the audit filter about its action, beyond what the route and the response say. Only ever
/// give values already masked: the filter stores what it is given.
/// </summary>
public static class AuditHttpContextExtensions
{
    private static readonly object Key = new();

    /// <summary>The action's parameters, secret values already replaced (by <c>***</c>). Replaces any set before.</summary>
    public static void SetAuditParameters(this HttpContext context, IReadOnlyDictionary<string, string> maskedValues)
    {
        ArgumentNullException.ThrowIfNull(maskedValues);
        StateOf(context).Parameters = new Dictionary<string, string>(maskedValues, StringComparer.Ordinal);
    }

    /// <summary>What the provider answered. A <c>ProviderException</c>'s status is recorded without this.</summary>
    public static void SetAuditUpstreamStatus(this HttpContext context, int statusCode) => StateOf(context).UpstreamStatusCode = statusCode;

    /// <summary>The run the action concerns, when the route does not name it (a trigger's new run).</summary>
    public static void SetAuditRun(this HttpContext context, string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        StateOf(context).RunId = runId;
    }

    /// <summary>The instance the action concerns, when the route does not name it (adding an instance).</summary>
    public static void SetAuditInstance(this HttpContext context, string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        StateOf(context).InstanceId = instanceId;
    }

    internal static AuditState? AuditStateOf(HttpContext context) =>
        context.Items.TryGetValue(Key, out var state) ? state as AuditState : null;

    private static AuditState StateOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (AuditStateOf(context) is { } state)
        {
            return state;
        }

        state = new AuditState();
        context.Items[Key] = state;
        return state;
    }
}

internal sealed class AuditState
{
    public Dictionary<string, string>? Parameters { get; set; }

    public int? UpstreamStatusCode { get; set; }

    public string? RunId { get; set; }

    public string? InstanceId { get; set; }
}
