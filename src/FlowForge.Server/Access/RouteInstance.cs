namespace FlowForge.Server.Access;

/// <summary>
/// The provider instance a request's route names: the <c>instanceId</c> route value (pipelines, runs, actions), or
/// <c>id</c> on routes under <c>/api/v1/instances</c> (elsewhere, like <c>/api/v1/keys/{id}</c>, an id is not an instance).
/// </summary>
internal static class RouteInstance
{
    private const string InstancesPrefix = "/api/v1/instances/";

    public static string? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.RouteValues.TryGetValue("instanceId", out var instanceId) && instanceId is string named)
        {
            return named;
        }

        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        return pattern is not null && pattern.StartsWith(InstancesPrefix, StringComparison.Ordinal)
            && context.Request.RouteValues.TryGetValue("id", out var id) && id is string value
            ? value
            : null;
    }

    /// <summary>The pipeline key <c>{instanceId}/{pipelineId}</c> when the route names a pipeline.</summary>
    public static string? PipelineOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.RouteValues.TryGetValue("instanceId", out var instanceId) && instanceId is string instance
            && context.Request.RouteValues.TryGetValue("pipelineId", out var pipelineId) && pipelineId is string pipeline
            ? $"{instance}/{pipeline}"
            : null;
    }
}
