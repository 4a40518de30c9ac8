using System.Security.Claims;

namespace FlowForge.Core.Access;

/// <summary>What the authentication handlers put in a principal, and how the rest of the server reads it back.</summary>
public static class AccessClaims
{
    public const string Role = "flowforge:role";
    public const string KeyId = "flowforge:key";
    public const string Instance = "flowforge:instance";

    /// <summary>Present when the principal is not limited to instances; its absence means "only the listed ones".</summary>
    public const string AllInstances = "flowforge:all-instances";

    /// <summary>The actor name when authentication is off.</summary>
    public const string LocalActor = "local";

    public static ClaimsPrincipal ForKey(ApiKey key, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(key);
        var claims = new List<Claim> { new(ClaimTypes.Name, key.Name), new(KeyId, key.Id) };
        claims.AddRange(key.Instances.Select(instance => new Claim(Instance, instance)));
        if (key.Instances.Count == 0)
        {
            claims.Add(new Claim(AllInstances, "true"));
        }

        return Principal(claims, key.Role, authenticationType);
    }

    public static ClaimsPrincipal LocalAdmin(string authenticationType) =>
        Principal([new Claim(ClaimTypes.Name, LocalActor), new Claim(AllInstances, "true")], AccessRole.Admin, authenticationType);

    public static AccessRole? RoleOf(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && AccessRoles.TryParse(user.FindFirst(Role)?.Value, out var role) ? role : null;

    public static string ActorName(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.Identity.Name is { Length: > 0 } name ? name : "anonymous";

    public static string? KeyIdOf(this ClaimsPrincipal user) => user.FindFirst(KeyId)?.Value;

    /// <summary>The actor as one string for "created by"/"revoked by": the key's name and id, or <c>local</c>.</summary>
    public static string ActorLabel(this ClaimsPrincipal user) =>
        user.KeyIdOf() is { } keyId ? $"{user.ActorName()} ({keyId})" : user.ActorName();

    private static ClaimsPrincipal Principal(List<Claim> claims, AccessRole role, string authenticationType)
    {
        claims.Add(new Claim(Role, role.Name()));

        // Standard role claims too, one per included role, so IsInRole("viewer") holds for an admin as well.
        claims.AddRange(Enum.GetValues<AccessRole>().Where(included => role.Includes(included)).Select(included => new Claim(ClaimTypes.Role, included.Name())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}
