namespace FlowForge.Emulators.Buildkite.State;

/// <summary>Buildkite refuses the request for the state things are in: <c>{"message"}</c> with <see cref="Status"/>.</summary>
internal sealed class RefusedException(int status, string message) : InvalidOperationException(message)
{
    public int Status { get; } = status;
}
