namespace FlowForge.Core.Access;

/// <summary>What a key may do. Each role includes the ones before it: admin ⊃ operator ⊃ viewer.</summary>
public enum AccessRole
{
    /// <summary>Reads everything except secrets.</summary>
    Viewer = 1,

    /// <summary>A viewer that may also trigger, re-run, cancel and sync now.</summary>
    Operator = 2,

    /// <summary>An operator that may also manage provider instances, secrets, keys and settings, and read the audit log.</summary>
    Admin = 3,
}

public static class AccessRoles
{
    /// <summary>The role's name as the API, the claims and the store spell it: <c>viewer</c>, <c>operator</c>, <c>admin</c>.</summary>
    public static string Name(this AccessRole role) => role switch
    {
        AccessRole.Viewer => "viewer",
        AccessRole.Operator => "operator",
        AccessRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role."),
    };

    /// <summary>Whether a holder of <paramref name="held"/> may do what <paramref name="needed"/> allows.</summary>
    public static bool Includes(this AccessRole held, AccessRole needed) => held >= needed;

    /// <summary>Reads a role's name (case-insensitive); numbers and unknown names are not roles.</summary>
    public static bool TryParse(string? text, out AccessRole role)
    {
        role = default;
        foreach (var candidate in Enum.GetValues<AccessRole>())
        {
            if (string.Equals(text?.Trim(), candidate.Name(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        return false;
    }
}
