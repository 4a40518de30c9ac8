using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FlowForge.Server.Access;

/// <summary>
/// Re-checks a session cookie's key at most once per <see cref="KeySessions.RecheckInterval"/>: the cookie carries when
/// it was last checked, so a busy browser costs one key lookup a minute, and a revoked key's cookie stops working.
/// </summary>
internal sealed class SessionCookieEvents(KeySessions sessions, TimeProvider time) : CookieAuthenticationEvents
{
    private const string CheckedAtItem = "flowforge.checked";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = time.GetUtcNow();
        if (context.Properties.GetString(CheckedAtItem) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var checkedAt)
            && now - checkedAt < KeySessions.RecheckInterval && checkedAt <= now)
        {
            return;
        }

        if (!await sessions.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(BrowserSessions.CookieScheme);
            return;
        }

        context.Properties.SetString(CheckedAtItem, now.ToString("O", CultureInfo.InvariantCulture));
        context.ShouldRenew = true;
    }
}
