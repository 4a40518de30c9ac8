namespace FlowForge.Core.Errors;

/// <summary>The request clashes with the current state (an id already taken). Maps to 409.</summary>
public sealed class ConflictException : Exception
{
    public ConflictException()
        : base("Conflict.")
    {
    }

    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
