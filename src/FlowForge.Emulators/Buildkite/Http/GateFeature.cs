using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Buildkite.Http;

/// <summary>What the gate learned about an API request, for the endpoints, the response writer and the request log.</summary>
internal sealed class GateFeature
{
    public BuildkiteToken? User { get; set; }

    public BuildkiteFault? Fault { get; set; }

    /// <summary>Counted against the rate limits.</summary>
    public bool Costly { get; set; }

    /// <summary>The scope (<c>rest</c>, <c>rest_user</c>) whose budget refused the request.</summary>
    public string? RateLimited { get; set; }

    /// <summary>The token user as the API shows people.</summary>
    public BuildkitePerson Person => User is { } user
        ? new BuildkitePerson(State.BuildkiteState.DeterministicId("user:" + user.UserEmail), user.UserName, user.UserEmail)
        : throw new InvalidOperationException("The request is not authenticated.");
}

internal static class GateFeatureExtensions
{
    public static GateFeature Gate(this HttpContext context) =>
        context.Features.Get<GateFeature>() ?? throw new InvalidOperationException("The request did not pass the gate.");

    public static GateFeature? GateOrNull(this HttpContext context) => context.Features.Get<GateFeature>();
}
