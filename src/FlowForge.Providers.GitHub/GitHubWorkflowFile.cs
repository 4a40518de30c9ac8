using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FlowForge.Providers.GitHub;

/// <summary>What a workflow file says about starting it by hand.</summary>
/// <param name="CannotTriggerReason">Null exactly when the workflow has a <c>workflow_dispatch</c> trigger.</param>
internal sealed record WorkflowDispatchInfo(string? CannotTriggerReason, IReadOnlyList<TriggerParameter> Parameters)
{
    public bool CanTrigger => CannotTriggerReason is null;
}

/// <summary>
/// Reads the <c>workflow_dispatch</c> trigger and its inputs from a workflow file, with YamlDotNet's representation
/// model (the nodes as written, no type guessing). The trigger key may be spelled <c>on</c>, <c>"on"</c>, or
/// <c>true</c> (what a YAML 1.1 tool makes of a bare <c>on</c> when it rewrites a file); <c>on</c> may be a string
/// (<c>on: push</c>), a list (<c>on: [push, workflow_dispatch]</c>) or a map, and only the map form carries inputs.
/// </summary>
internal static class GitHubWorkflowFile
{
    public const string NoDispatchReason = "This workflow has no workflow_dispatch trigger, so it cannot be started by hand.";

    private const string Dispatch = "workflow_dispatch";

    /// <param name="description">Names the file for messages, like <c>.github/workflows/ci.yml at main</c>.</param>
    /// <exception cref="ProviderException"><see cref="ProviderErrorKind.BadResponse"/> when the file is not YAML or not a workflow.</exception>
    public static WorkflowDispatchInfo Parse(string yaml, string description)
    {
        var root = Load(yaml, description);
        var on = root.Children.FirstOrDefault(entry => IsTriggerKey(entry.Key)).Value;
        return on switch
        {
            YamlScalarNode scalar when scalar.Value == Dispatch => new WorkflowDispatchInfo(null, []),
            YamlSequenceNode list when list.Children.Any(item => Text(item) == Dispatch) => new WorkflowDispatchInfo(null, []),
            YamlMappingNode map when Find(map, Dispatch) is { } dispatch => new WorkflowDispatchInfo(null, ReadInputs(dispatch.Value, description)),
            _ => new WorkflowDispatchInfo(NoDispatchReason, []),
        };
    }

    private static YamlMappingNode Load(string yaml, string description)
    {
        var stream = new YamlStream();
        try
        {
            // A byte order mark is not content; GitHub ignores it too.
            stream.Load(new StringReader(yaml.TrimStart('\uFEFF')));
        }
        catch (YamlException exception)
        {
            throw new ProviderException(
                ProviderErrorKind.BadResponse,
                $"The workflow file {description} is not valid YAML (line {exception.Start.Line}, column {exception.Start.Column}): {Reason(exception)}",
                exception);
        }
        catch (InvalidOperationException exception)
        {
            // YamlDotNet's scanner throws this instead of a YamlException for some broken flow collections.
            throw new ProviderException(ProviderErrorKind.BadResponse, $"The workflow file {description} is not valid YAML.", exception);
        }

        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw new ProviderException(ProviderErrorKind.BadResponse, $"The workflow file {description} is not a workflow: its top level is not a mapping of keys.");
    }

    private static IReadOnlyList<TriggerParameter> ReadInputs(YamlNode dispatch, string description)
    {
        // "workflow_dispatch:" with no value (null) or without "inputs": dispatchable without inputs.
        if (dispatch is not YamlMappingNode map || Find(map, "inputs")?.Value is not YamlMappingNode inputs)
        {
            return [];
        }

        return [.. inputs.Children.Select(entry => ReadInput(Text(entry.Key) ?? string.Empty, entry.Value as YamlMappingNode, description))];
    }

    private static TriggerParameter ReadInput(string name, YamlMappingNode? properties, string description)
    {
        string? Property(string key) => properties is null ? null : Text(Find(properties, key)?.Value);

        var typeText = Property("type");
        var type = typeText?.ToUpperInvariant() switch
        {
            null or "" or "STRING" => TriggerParameterType.String,
            "BOOLEAN" => TriggerParameterType.Boolean,
            "CHOICE" => TriggerParameterType.Choice,
            "NUMBER" => TriggerParameterType.Number,
            "ENVIRONMENT" => TriggerParameterType.Environment,
            _ => throw new ProviderException(
                ProviderErrorKind.BadResponse,
                $"Input '{name}' of the workflow file {description} has type '{typeText}'; GitHub knows string, boolean, choice, number and environment."),
        };

        IReadOnlyList<string> options = properties is not null && Find(properties, "options")?.Value is YamlSequenceNode list
            ? [.. list.Children.Select(Text).OfType<string>()]
            : [];
        var defaultValue = Property("default");
        if (type == TriggerParameterType.Boolean && IsTrue(defaultValue))
        {
            defaultValue = "true";
        }
        else if (type == TriggerParameterType.Boolean && defaultValue is not null)
        {
            defaultValue = IsFalse(defaultValue) ? "false" : defaultValue;
        }

        return new TriggerParameter(name, Label: null, NullIfEmpty(Property("description")), type, options, defaultValue, IsTrue(Property("required")));
    }

    /// <summary><c>on</c> in any quoting, or a plain (unquoted) <c>true</c>; a quoted <c>"true"</c> is just a string.</summary>
    private static bool IsTriggerKey(YamlNode key) =>
        key is YamlScalarNode scalar
        && (scalar.Value == "on" || (scalar.Style == ScalarStyle.Plain && IsTrue(scalar.Value)));

    private static KeyValuePair<YamlNode, YamlNode>? Find(YamlMappingNode map, string key)
    {
        foreach (var entry in map.Children)
        {
            if (Text(entry.Key) == key)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>A scalar's text; null for a YAML null (<c>~</c>, <c>null</c>, nothing) and for lists and maps.</summary>
    private static string? Text(YamlNode? node) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" } => null,
        YamlScalarNode { Value: { } value } => value,
        _ => null,
    };

    private static bool IsTrue(string? value) => value is "true" or "True" or "TRUE";

    private static bool IsFalse(string? value) => value is "false" or "False" or "FALSE";

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>YamlDotNet's message without the position prefix it repeats (<c>(Line: 3, Col: 5, Idx: 20) - (…): </c>).</summary>
    private static string Reason(YamlException exception)
    {
        var message = exception.InnerException is YamlException inner ? inner.Message : exception.Message;
        var separator = message.IndexOf("): ", StringComparison.Ordinal);
        return separator >= 0 ? message[(separator + 3)..] : message;
    }
}
