using FlowForge.Emulators.GitHub.Http;
using FlowForge.Emulators.GitHub.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitHub.Api;

internal static class RateLimitEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        Endpoint.Get(routes, "/rate_limit", GetRateLimit);

    // Free, as on GitHub: checking the budget must not spend it.
    private static IResult GetRateLimit(HttpContext context, EmulatorRuntime runtime)
    {
        var feature = context.ApiRequest()!;
        feature.Free = true;
        var core = runtime.RateLimits.Peek(feature.BucketKey);
        var otherReset = runtime.Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        return ApiResponse.Ok(JsonBody.Write(w => RateLimitJson.Write(w, core, otherReset)));
    }
}
