namespace FlowForge.Core.Access;

/// <summary>
/// The authorization policies every endpoint names. Roles nest (admin ⊃ operator ⊃ viewer), and every policy also
/// enforces the key's instance scope on the route's instance (out of scope answers 404).
/// </summary>
public static class AccessPolicies
{
    /// <summary>Reads everything but secrets.</summary>
    public const string Viewer = "flowforge:viewer";

    /// <summary>Trigger, re-run, cancel, sync now.</summary>
    public const string Operator = "flowforge:operator";

    /// <summary>Provider instances, secrets, webhooks settings.</summary>
    public const string Admin = "flowforge:admin";

    /// <summary>
    /// An admin whose key is not limited to instances: API keys, the audit log, adding instances. A scoped admin could
    /// otherwise mint itself a key for every instance, or read what happened on instances it cannot see.
    /// </summary>
    public const string GlobalAdmin = "flowforge:admin:global";
}
