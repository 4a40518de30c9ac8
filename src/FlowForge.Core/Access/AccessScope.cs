using System.Collections.Frozen;
using System.Security.Claims;

namespace FlowForge.Core.Access;

/// <summary>
/// The provider instances the current caller may see and act on. Endpoints that list across instances filter with
/// it; routes naming an instance are checked by the authorization policies. Fails closed: an unauthenticated
/// principal, or one without scope claims, is allowed nothing.
/// </summary>
public sealed class AccessScope
{
    private static readonly AccessScope Nothing = new(false, FrozenSet<string>.Empty);
    private static readonly AccessScope Everything = new(true, FrozenSet<string>.Empty);

    private AccessScope(bool unrestricted, FrozenSet<string> instances)
    {
        IsUnrestricted = unrestricted;
        Instances = instances;
    }

    /// <summary>True when the caller is not limited to instances.</summary>
    public bool IsUnrestricted { get; }

    /// <summary>The instances allowed when <see cref="IsUnrestricted"/> is false.</summary>
    public IReadOnlySet<string> Instances { get; }

    /// <summary>The set to filter by, or null when everything is allowed.</summary>
    public IReadOnlySet<string>? Filter => IsUnrestricted ? null : Instances;

    public bool Allows(string? instanceId) => IsUnrestricted || (instanceId is not null && Instances.Contains(instanceId));

    public static AccessScope From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return Nothing;
        }

        if (user.HasClaim(claim => claim.Type == AccessClaims.AllInstances))
        {
            return Everything;
        }

        var instances = user.FindAll(AccessClaims.Instance).Select(claim => claim.Value).ToFrozenSet(StringComparer.Ordinal);
        return instances.Count == 0 ? Nothing : new AccessScope(false, instances);
    }

    /// <summary>A stable text for the scope, to keep cached answers of differently scoped callers apart.</summary>
    public string CacheKey => IsUnrestricted ? "*" : string.Join(',', Instances.Order(StringComparer.Ordinal));
}
