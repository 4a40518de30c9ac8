using FlowForge.Emulators.Infrastructure.Faults;

namespace FlowForge.Emulators.GitHub;

/// <summary>
/// Queued faults, taken by the next requests in arrival order before normal handling: API requests (not
/// <c>/_emulator</c>), and log-host requests only when <see cref="EmulatedFault.IncludeLogHost"/> is set.
/// </summary>
public sealed class GitHubFaults : QueuedFaults<EmulatedFault>
{
    internal GitHubFaults()
    {
    }
}
