namespace FlowForge.Core.Secrets;

/// <summary>
/// The keys FlowForge files instance secrets under, <c>instances/{instance}/{write id}/{field}</c>: readable in a
/// keyring browser, and unique per write so that rotating never overwrites a secret something may still point to.
/// </summary>
public static class SecretKeys
{
    private const string Prefix = "instances/";

    /// <param name="owner">The instance id, optionally followed by <c>/{write id}</c>.</param>
    public static string ForInstance(string owner, string field) => $"{Prefix}{owner}/{field}";

    /// <summary>The instance and field a key names, or nulls for a key FlowForge did not make.</summary>
    public static (string? Instance, string? Field) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return (null, null);
        }

        var parts = key[Prefix.Length..].Split('/');
        return parts.Length >= 2 && parts[0].Length > 0 && parts[^1].Length > 0 ? (parts[0], parts[^1]) : (null, null);
    }
}
