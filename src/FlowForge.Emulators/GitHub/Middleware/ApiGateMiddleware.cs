using System.Globalization;
using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.Infrastructure.Faults;
using FlowForge.Emulators.Infrastructure.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowForge.Emulators.GitHub.Middleware;

/// <summary>
/// The front door of every API request: identifies the caller, applies a queued fault, enforces authentication,
/// the API version and the secondary and primary rate limits, and stamps GitHub's headers on whatever the response turns out to
/// be (charging the budget unless the response is a 304 or otherwise free).
/// </summary>
internal sealed class ApiGateMiddleware(RequestDelegate next, EmulatorRuntime runtime, ILogger<ApiGateMiddleware> logger)
{
    private const string RateLimitDocumentation = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/_emulator"))
        {
            await next(context);
            return;
        }

        var requested = request.Headers["X-GitHub-Api-Version"].ToString();
        var feature = new ApiRequestFeature
        {
            RequestId = runtime.NextRequestId(),
            ApiVersion = requested.Length == 0 ? EmulatorRuntime.DefaultApiVersion : requested,
        };
        context.Features.Set(feature);
        var token = Token(request.Headers.Authorization.ToString());
        feature.User = token is null ? null : runtime.State.UserForToken(token);
        context.Response.OnStarting(() =>
        {
            StampHeaders(context.Response, feature);
            return Task.CompletedTask;
        });

        feature.Fault = context.TakeFault(runtime.Faults);
        if (feature.Fault is not null && await TryWriteFaultAsync(context, feature))
        {
            return;
        }

        if (feature.User is null)
        {
            var message = request.Headers.Authorization.Count == 0 ? "Requires authentication" : "Bad credentials";
            await ApiResponse.Error(StatusCodes.Status401Unauthorized, message).ExecuteAsync(context);
            return;
        }

        if (!EmulatorRuntime.SupportedApiVersions.Contains(feature.ApiVersion))
        {
            await ApiResponse.Error(StatusCodes.Status400BadRequest,
                $"Unsupported 'X-GitHub-Api-Version' header value: {feature.ApiVersion}.",
                "https://docs.github.com/rest/about-the-rest-api/api-versions").ExecuteAsync(context);
            return;
        }

        if (runtime.SecondaryRateLimits.TryAcquire(feature.BucketKey) is { } wait)
        {
            feature.Free = true;
            feature.RateLimited = "secondary";
            await SecondaryRateLimit(StatusCodes.Status403Forbidden, wait, feature).ExecuteAsync(context);
            return;
        }

        if (!request.Path.Equals("/rate_limit", StringComparison.Ordinal) && runtime.RateLimits.Peek(feature.BucketKey).Remaining <= 0)
        {
            feature.Free = true;
            feature.RateLimited = "primary";
            await PrimaryRateLimit(feature).ExecuteAsync(context);
            return;
        }

        await HandlerFailure.AnswerAsync(
            context,
            async () =>
            {
                await next(context);
                await ResponseBody.HoldBodilessAsync(context);
            },
            logger,
            () => ApiResponse.Error(StatusCodes.Status500InternalServerError, "Server Error"));
    }

    /// <summary>Bearer or token scheme, or the password of Basic (as git clients send a token).</summary>
    private static string? Token(string authorization) =>
        AuthorizationHeader.Token(authorization, "Bearer", "token") ?? AuthorizationHeader.Basic(authorization)?.Password;

    private async Task<bool> TryWriteFaultAsync(HttpContext context, ApiRequestFeature feature)
    {
        ApiResponse? response = feature.Fault switch
        {
            EmulatedFault.ServerErrorFault => ApiResponse.Error(StatusCodes.Status500InternalServerError, "Server Error"),
            EmulatedFault.UnauthorizedFault => ApiResponse.Error(StatusCodes.Status401Unauthorized, "Bad credentials"),
            EmulatedFault.PrimaryRateLimitFault => PrimaryRateLimit(feature),
            EmulatedFault.SecondaryRateLimitFault => SecondaryRateLimit(StatusCodes.Status403Forbidden, TimeSpan.FromSeconds(60), feature),
            EmulatedFault.TooManyRequestsFault tooMany => SecondaryRateLimit(StatusCodes.Status429TooManyRequests, tooMany.RetryAfter, feature),
            _ => null,
        };
        if (response is null)
        {
            return false;
        }

        feature.Free = true;
        feature.ShowExhausted = feature.Fault is EmulatedFault.PrimaryRateLimitFault;
        await response.ExecuteAsync(context);
        return true;
    }

    private ApiResponse PrimaryRateLimit(ApiRequestFeature feature) =>
        ApiResponse.Error(
            StatusCodes.Status403Forbidden,
            $"API rate limit exceeded for user ID {feature.User?.Id ?? 0}. If you reach out to GitHub Support for help, please include the request ID {feature.RequestId} and timestamp {Timestamp()}.",
            RateLimitDocumentation);

    private ApiResponse SecondaryRateLimit(int status, TimeSpan retryAfter, ApiRequestFeature feature) =>
        ApiResponse.Error(
                status,
                $"You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID {feature.RequestId} and timestamp {Timestamp()}.",
                RateLimitDocumentation + "#about-secondary-rate-limits")
            .WithHeader("retry-after", ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));

    private string Timestamp() =>
        runtime.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private void StampHeaders(HttpResponse response, ApiRequestFeature feature)
    {
        var charge = !feature.Free && response.StatusCode != StatusCodes.Status304NotModified;
        var budget = charge ? runtime.RateLimits.Consume(feature.BucketKey, 1) : runtime.RateLimits.Peek(feature.BucketKey);
        feature.Charged = charge;
        if (feature.ShowExhausted)
        {
            budget = budget with { Used = budget.Limit, Remaining = 0 };
        }

        var headers = response.Headers;
        headers["x-ratelimit-limit"] = budget.Limit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining"] = budget.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-used"] = budget.Used.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset"] = budget.Reset.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-resource"] = "core";
        headers["x-github-api-version-selected"] = EmulatorRuntime.SupportedApiVersions.Contains(feature.ApiVersion)
            ? feature.ApiVersion
            : EmulatorRuntime.DefaultApiVersion;
        headers["x-github-media-type"] = "github.v3; format=json";
        headers["x-github-request-id"] = feature.RequestId;
        if (feature.User is not null)
        {
            headers["x-oauth-scopes"] = "repo, workflow";
            headers["x-accepted-oauth-scopes"] = "";
        }
    }
}
