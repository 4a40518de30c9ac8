using FlowForge.Abstractions.Domain;
using FlowForge.Core.Errors;

namespace FlowForge.Server.Endpoints;

internal static class RouteKeys
{
    public static PipelineKey Pipeline(string instanceId, string pipelineId) =>
        string.IsNullOrWhiteSpace(instanceId) || string.IsNullOrWhiteSpace(pipelineId)
            ? throw new NotFoundException("No such pipeline.")
            : new PipelineKey(instanceId, pipelineId);
}

internal static class RunStatusQuery
{
    public static RunStatus? Parse(string? value, string parameter)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Enum.TryParse<RunStatus>(value, ignoreCase: true, out var status) && Enum.IsDefined(status) && !int.TryParse(value, out _)
            ? status
            : throw new ValidationFailedException(parameter, $"'{value}' is not a status. Use one of: {string.Join(", ", Enum.GetNames<RunStatus>().Select(Contracts.JsonNaming.Camel))}.");
    }
}
