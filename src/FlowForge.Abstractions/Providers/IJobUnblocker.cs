using FlowForge.Abstractions.Domain;

namespace FlowForge.Abstractions.Providers;

/// <summary>
/// Lets a job that waits for a person go on: a GitLab manual job is played, a Buildkite block step is unblocked
/// (with values for its fields). Only a job in <see cref="RunStatus.Waiting"/> can be unblocked.
/// </summary>
public interface IJobUnblocker
{
    /// <param name="fields">Values for the block step's fields, by key; empty when the step asks for none.</param>
    /// <exception cref="ProviderException">The provider refuses (the job is not waiting, the token may not act).</exception>
    Task<ActionResult> UnblockJobAsync(
        Pipeline pipeline, Run run, Job job, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken);
}
