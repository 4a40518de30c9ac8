using System.Security.Claims;
using FlowForge.Core.Access;

namespace FlowForge.Server.Access;

/// <summary>
/// Whether a signed-in browser's key still holds. A session outlives the request that opened it, so it is checked
/// again against the key store: a revoked or expired key ends every session made with it.
/// </summary>
internal sealed class KeySessions(IApiKeyStore keys, TimeProvider time)
{
    /// <summary>How stale a session's last check may be; a revoked key's sessions end within this long.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>True when the principal's key exists and is neither revoked nor expired; a principal without a key is not a session.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal? user, CancellationToken cancellationToken)
    {
        if (user?.KeyIdOf() is not { } keyId)
        {
            return false;
        }

        var stored = await keys.FindAsync(keyId, cancellationToken);
        return stored is not null && stored.Key.IsUsableAt(time.GetUtcNow());
    }
}
