using FlowForge.Core.Access;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FlowForge.Server.Access;

/// <summary>
/// Authentication off (<c>FlowForge:Auth:Mode=None</c>): every request is the built-in local admin. Safe only because
/// start-up refuses any non-loopback bind in this mode.
/// </summary>
internal sealed class LocalAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Local";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(AccessClaims.LocalAdmin(SchemeName), SchemeName)));
}
