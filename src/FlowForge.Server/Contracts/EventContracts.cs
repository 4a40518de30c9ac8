using FlowForge.Abstractions.Domain;
using FlowForge.Core.Events;

namespace FlowForge.Server.Contracts;

/// <summary>One event as the live stream sends it (the SSE <c>data:</c> line); its id and type are the SSE fields too.</summary>
public sealed record EventResponse(
    long Id,
    string Type,
    string InstanceId,
    string? PipelineKey,
    DateTimeOffset OccurredAt,
    RunResponse? Run,
    RunStatus? PreviousStatus,
    HealthResponse? Health)
{
    public static EventResponse From(SequencedEvent sequenced)
    {
        ArgumentNullException.ThrowIfNull(sequenced);
        var flowEvent = sequenced.Event;
        return new EventResponse(
            sequenced.Id,
            JsonNaming.Camel(flowEvent.Type.ToString()),
            flowEvent.InstanceId,
            flowEvent.Pipeline?.ToString(),
            flowEvent.OccurredAt,
            flowEvent.Run is { } run ? RunResponse.From(run) : null,
            flowEvent.PreviousStatus,
            flowEvent.Health is { } health ? HealthResponse.From(health) : null);
    }
}
