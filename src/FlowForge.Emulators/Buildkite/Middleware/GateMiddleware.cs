using System.Globalization;
using System.Text.Json.Nodes;
using FlowForge.Emulators.Buildkite.Http;
using FlowForge.Emulators.Buildkite.State;
using FlowForge.Emulators.Infrastructure.Faults;
using FlowForge.Emulators.Infrastructure.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowForge.Emulators.Buildkite.Middleware;

/// <summary>
/// The front door of every API request: takes a queued fault, checks the Bearer token (Buildkite supports no other
/// scheme), the token's organizations and both rate-limit budgets, and puts Buildkite's <c>RateLimit-*</c> and
/// <c>RateLimit-User-*</c> headers (resets in seconds) on every answer.
/// </summary>
internal sealed class GateMiddleware(RequestDelegate next, BuildkiteRuntime runtime, ILogger<GateMiddleware> logger)
{
    public const string AuthenticationRequired =
        "Authentication required. Please supply a valid API Access Token: https://buildkite.com/docs/apis/rest-api#authentication";

    public async Task InvokeAsync(HttpContext context)
    {
        var feature = new GateFeature { Fault = context.TakeFault(runtime.Faults) };
        context.Features.Set(feature);
        feature.User = feature.Fault is BuildkiteFault.UnauthorizedFault ? null : Authenticate(context.Request);
        if (feature.User is null)
        {
            await Reply.Error(StatusCodes.Status401Unauthorized, AuthenticationRequired).ExecuteAsync(context);
            return;
        }

        var organization = OrganizationOf(context.Request.Path)
            ?? (feature.User.Organizations is [var first, ..] ? first : null)
            ?? (runtime.State.Organizations() is [var known, ..] ? known.Slug : "-");
        if (feature.Fault is BuildkiteFault.TooManyRequestsFault tooMany)
        {
            var seconds = (int)Math.Ceiling(tooMany.RetryAfter.TotalSeconds);
            var (org, user) = runtime.Rates.Peek(organization, feature.User.UserEmail);
            var exhausted = user with { Remaining = 0, ResetSeconds = seconds };
            Stamp(context.Response, org, exhausted);
            await TooManyRequests(RateWindows.UserScope, exhausted).WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)).ExecuteAsync(context);
            return;
        }

        if (feature.Fault is BuildkiteFault.ServerErrorFault)
        {
            await Reply.Error(StatusCodes.Status500InternalServerError, "Sorry, something went wrong on our end.").ExecuteAsync(context);
            return;
        }

        var (organizationBudget, userBudget, refused) = runtime.Rates.TryConsume(organization, feature.User.UserEmail);
        Stamp(context.Response, organizationBudget, userBudget);
        if (refused is not null)
        {
            feature.RateLimited = refused;
            await TooManyRequests(refused, refused == RateWindows.OrganizationScope ? organizationBudget : userBudget).ExecuteAsync(context);
            return;
        }

        feature.Costly = true;
        if (feature.User.Organizations is { } allowed && OrganizationOf(context.Request.Path) is { } named && !allowed.Contains(named, StringComparer.Ordinal))
        {
            await Reply.Error(StatusCodes.Status403Forbidden, $"Your access token does not have access to the {named} organization").ExecuteAsync(context);
            return;
        }

        await HandlerFailure.AnswerAsync(context, () => next(context), logger, () => Reply.Error(StatusCodes.Status500InternalServerError, "Sorry, something went wrong on our end."));
    }

    /// <summary>The organization slug in <c>/v2/organizations/{org}/…</c>, or null.</summary>
    private static string? OrganizationOf(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3 && segments[1] == "organizations" ? segments[2] : null;
    }

    private BuildkiteToken? Authenticate(HttpRequest request) =>
        AuthorizationHeader.Token(request.Headers.Authorization.ToString(), "Bearer") is { } token ? runtime.State.Token(token) : null;

    /// <summary>Buildkite's 429: which budget, its limit, the requests in the window, and the seconds until it resets.</summary>
    private static Reply TooManyRequests(string scope, Budget budget) =>
        Reply.Json(
            new JsonObject
            {
                ["message"] = $"You have exceeded your API rate limit. Please wait {budget.ResetSeconds} seconds before making more requests.",
                ["scope"] = scope,
                ["limit"] = budget.Limit,
                ["current"] = Math.Max(budget.Current, budget.Limit + 1),
                ["reset"] = budget.ResetSeconds,
            },
            StatusCodes.Status429TooManyRequests)
        .WithHeader(scope == RateWindows.OrganizationScope ? "RateLimit-Warning" : "RateLimit-User-Warning", "You have exceeded your API rate limit.");

    private static void Stamp(HttpResponse response, Budget organization, Budget user)
    {
        var headers = response.Headers;
        headers["RateLimit-Scope"] = RateWindows.OrganizationScope;
        headers["RateLimit-Remaining"] = Text(organization.Remaining);
        headers["RateLimit-Limit"] = Text(organization.Limit);
        headers["RateLimit-Reset"] = Text(organization.ResetSeconds);
        headers["RateLimit-User-Scope"] = RateWindows.UserScope;
        headers["RateLimit-User-Remaining"] = Text(user.Remaining);
        headers["RateLimit-User-Limit"] = Text(user.Limit);
        headers["RateLimit-User-Reset"] = Text(user.ResetSeconds);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
