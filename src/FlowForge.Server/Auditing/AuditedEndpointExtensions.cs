namespace FlowForge.Server.Auditing;

/// <summary>Marks an endpoint as an audited action.</summary>
public sealed record AuditedMetadata(string Action);

public static class AuditedEndpointExtensions
{
    /// <summary>
    /// Every call of the endpoint leaves exactly one audit entry named <paramref name="action"/>: after the handler
    /// returns or throws, or, when access control refuses the call, from the refusal.
    /// </summary>
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder builder, string action)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        return builder.WithMetadata(new AuditedMetadata(action)).AddEndpointFilter(new AuditFilter(action));
    }
}
