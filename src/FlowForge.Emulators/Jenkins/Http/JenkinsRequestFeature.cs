using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Jenkins.Http;

/// <summary>What the pipeline learned about a request, shared by the gate, the handlers, the response and the request log.</summary>
internal sealed class JenkinsRequestFeature
{
    /// <summary>The authenticated user; null for anonymous.</summary>
    public string? User { get; set; }

    public JenkinsFault? Fault { get; set; }

    /// <summary>A handler served it (rather than the gate refusing it).</summary>
    public bool Served { get; set; }

    public bool HadCrumb { get; set; }
}

internal static class JenkinsRequestFeatureExtensions
{
    public static JenkinsRequestFeature? Jenkins(this HttpContext context) => context.Features.Get<JenkinsRequestFeature>();
}
