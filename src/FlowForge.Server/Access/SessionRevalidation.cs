using FlowForge.Core.Access;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace FlowForge.Server.Access;

/// <summary>
/// Re-checks, every <see cref="KeySessions.RecheckInterval"/>, the key of whoever holds a live dashboard connection. The
/// connection keeps the user it was opened with; without this a revoked key would keep a radiator open for days. When
/// the key no longer holds the dashboard sees an anonymous user and sends the browser to the sign-in page.
/// </summary>
internal sealed class SessionRevalidation(ILoggerFactory loggerFactory, KeySessions sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => KeySessions.RecheckInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        var user = authenticationState.User;

        // Anyone not signed in has nothing to lose; only sessions made from a key are re-checked.
        return user.Identity?.IsAuthenticated != true || user.KeyIdOf() is null
            ? Task.FromResult(true)
            : sessions.IsCurrentAsync(user, cancellationToken);
    }
}
