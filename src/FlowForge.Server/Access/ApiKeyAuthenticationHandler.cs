using System.Text.Encodings.Web;
using FlowForge.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FlowForge.Server.Access;

/// <summary>
/// <c>Authorization: Bearer ffk_…</c>. A missing header is no result (the policy then challenges); a bad, revoked or
/// expired key fails. Clients hear one answer for every kind of bad key; the log says which, by key id only.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyService keys,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var header = headers.Count == 1 ? headers[0] : null;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header is not one bearer token.");
        }

        var check = await keys.AuthenticateAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        if (check.Key is null)
        {
            LogRefused(Logger, check.Failure ?? ApiKeyFailure.Malformed, check.KeyId ?? "-");
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(AccessClaims.ForKey(check.Key, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var presented = result.Failure is not null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = presented ? "Bearer error=\"invalid_token\"" : "Bearer";
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Authentication required.",
                Detail = presented
                    ? "The API key is not valid: it is unknown, revoked or expired."
                    : "Send an API key as 'Authorization: Bearer <key>'. An admin creates keys with POST /api/v1/keys.",
            },
        });
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AccessProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden.", "This key does not allow this.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an API key ({Failure}, key id {KeyId})")]
    private static partial void LogRefused(ILogger logger, ApiKeyFailure failure, string keyId);
}
