namespace FlowForge.Providers.Buildkite.Dtos;

/// <summary>
/// A webhook delivery's body: <c>{"event", "build", "pipeline", "sender"}</c>, with <c>job</c> for job events. Its
/// <c>build</c> has the REST shape without <c>jobs</c>.
/// </summary>
internal sealed record WebhookDto(
    string? Event = null,
    BuildDto? Build = null,
    JobDto? Job = null,
    PipelineRefDto? Pipeline = null);
