using FlowForge.Abstractions.Domain;
using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Core.Persistence;
using FlowForge.Core.Secrets;

namespace FlowForge.Web.Components.Settings;

/// <summary>
/// What the settings page does with an instance's secrets: set, rotate, delete — admins only, within their instances,
/// and audited exactly as the API audits <c>PUT/DELETE /api/v1/instances/{id}/secrets/{field}</c> (the value masked).
/// </summary>
internal sealed class SecretsAdmin(InstanceSecrets secrets, IInstanceRepository instances, AuditedCall audited)
{
    /// <summary>What the audit log shows instead of the value, as the API's secret endpoints write it.</summary>
    public const string MaskedValue = "***";

    /// <summary>Only admins see and manage secrets (a viewer reads everything else).</summary>
    public bool CanManage =>
        AccessRoles.TryParse(audited.User.FindFirst(AccessClaims.Role)?.Value, out var role) && role.Includes(AccessRole.Admin);

    /// <summary>Sets or rotates the secret (the value, or <c>env:NAME</c>); returns the instance as it is now.</summary>
    public async Task<ProviderInstance> SetAsync(string instanceId, string field, string? value)
    {
        var note = new AuditNote(new Dictionary<string, string>(StringComparer.Ordinal) { ["field"] = field, ["value"] = MaskedValue });
        await EnsureAllowedAsync(AuditActions.SecretSet, instanceId);
        await audited.RunAsync(AuditActions.SecretSet, instanceId, 200, note, () => secrets.SetAsync(instanceId, field, value, CancellationToken.None));
        return await ReadAsync(instanceId);
    }

    /// <summary>Removes an optional secret and deletes it from its store; returns the instance as it is now.</summary>
    public async Task<ProviderInstance> DeleteAsync(string instanceId, string field)
    {
        var note = new AuditNote(new Dictionary<string, string>(StringComparer.Ordinal) { ["field"] = field });
        await EnsureAllowedAsync(AuditActions.SecretDelete, instanceId);
        await audited.RunAsync(AuditActions.SecretDelete, instanceId, 204, note, async () =>
        {
            await secrets.DeleteAsync(instanceId, field, CancellationToken.None);
            return true;
        });
        return await ReadAsync(instanceId);
    }

    private async Task<ProviderInstance> ReadAsync(string instanceId) =>
        await instances.FindAsync(instanceId, CancellationToken.None) ?? throw new Core.Errors.NotFoundException($"No instance '{instanceId}'.");

    // As the API: 403 for a role below admin; 404 outside the key's instances, so a scoped key cannot learn what else exists.
    private async Task EnsureAllowedAsync(string action, string instanceId)
    {
        if (!CanManage)
        {
            await audited.RefuseAsync(action, instanceId, 403, "Refused: managing secrets needs the admin role.", "Managing secrets needs the admin role.");
        }

        if (!AccessScope.From(audited.User).Allows(instanceId))
        {
            await audited.RefuseAsync(action, instanceId, 404, "Refused: the instance is outside the key's instances.", $"No instance '{instanceId}'.");
        }
    }
}
