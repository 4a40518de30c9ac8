namespace FlowForge.Abstractions.Secrets;

/// <summary>
/// A secret held in memory. It prints as a placeholder, so a secret that reaches a log line, an exception
/// message or a serialized object by mistake reveals nothing; <see cref="Reveal"/> is the one way out.
/// </summary>
public sealed class SecretValue
{
    private readonly string _value;

    public SecretValue(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary>The secret itself; call it only where it is sent to its destination (an HTTP header).</summary>
    public string Reveal() => _value;

    public override string ToString() => "[secret]";
}
