using FlowForge.Storage.Entities;

namespace FlowForge.Storage.Repositories;

/// <summary>A run with its pipeline's native id, which the run's domain key needs.</summary>
internal sealed record RunRow(RunEntity Run, string PipelineNativeId);
