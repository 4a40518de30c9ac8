namespace FlowForge.Emulators.GitHub;

/// <summary>A <c>workflow_dispatch</c> the API accepted, with the request's inputs exactly as sent.</summary>
/// <param name="Ref">The <c>ref</c> as sent (<c>main</c>, <c>refs/heads/main</c>, a tag).</param>
/// <param name="Inputs">Each input's value as text: a JSON string as is, a number or boolean as its JSON text.</param>
/// <param name="ReturnRunDetails">Whether the request asked for <c>return_run_details</c>.</param>
/// <param name="At">When it was accepted (emulator clock).</param>
public sealed record EmulatedDispatch(
    long WorkflowId,
    string Ref,
    IReadOnlyDictionary<string, string> Inputs,
    bool ReturnRunDetails,
    long RunId,
    string Actor,
    DateTimeOffset At);
