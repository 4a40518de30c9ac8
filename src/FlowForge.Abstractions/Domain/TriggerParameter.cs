namespace FlowForge.Abstractions.Domain;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The providers' own name for the type.")]
public enum TriggerParameterType
{
    String,
    Boolean,
    Choice,
    Number,
    Environment,
}

/// <summary>A parameter a pipeline accepts when triggered, discovered from the provider.</summary>
/// <param name="Options">The allowed values of a choice parameter (and the known environments, where the provider lists them).</param>
/// <param name="IsSecret">The value is a secret (Jenkins password parameters): masked in the audit log and never echoed.</param>
public sealed record TriggerParameter(
    string Name,
    string? Label,
    string? Description,
    TriggerParameterType Type,
    IReadOnlyList<string> Options,
    string? Default,
    bool Required,
    bool IsSecret = false);
