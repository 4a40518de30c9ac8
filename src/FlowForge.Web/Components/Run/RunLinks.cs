using FlowForge.Abstractions.Domain;

namespace FlowForge.Web.Components.RunView;

/// <summary>The dashboard's addresses of pipelines and runs, relative to the base href, each part escaped.</summary>
public static class RunLinks
{
    public static string Pipeline(PipelineKey key) =>
        $"pipelines/{Uri.EscapeDataString(key.InstanceId)}/{Uri.EscapeDataString(key.NativeId)}";

    public static string Run(PipelineKey key, string runId) => $"{Pipeline(key)}/runs/{Uri.EscapeDataString(runId)}";
}
