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
public sealed record TriggerParameter(
    string Name,
    string? Label,
    string? Description,
    TriggerParameterType Type,
    IReadOnlyList<string> Options,
    string? Default,
    bool Required);
