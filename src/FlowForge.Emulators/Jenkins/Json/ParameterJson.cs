using FlowForge.Emulators.Jenkins.State;

namespace FlowForge.Emulators.Jenkins.Json;

/// <summary>Parameter definitions and values (<c>hudson.model.*ParameterDefinition</c>, <c>*ParameterValue</c>).</summary>
internal static class ParameterJson
{
    /// <summary>The job's <c>hudson.model.ParametersDefinitionProperty</c>; null when it takes no parameters.</summary>
    public static ExportedObject? Property(JobState job) =>
        job.Spec.Parameters is { Count: > 0 } definitions
            ? new ExportedObject("hudson.model.ParametersDefinitionProperty").Add("parameterDefinitions", definitions.Select(Definition).ToList())
            : null;

    /// <summary>A build's or queue item's <c>hudson.model.ParametersAction</c>; null without parameters.</summary>
    public static ExportedObject? Action(IReadOnlyList<ParameterValue> values) =>
        values.Count == 0 ? null : new ExportedObject("hudson.model.ParametersAction").Add("parameters", values.Select(Value).ToList());

    /// <summary>The queue item's <c>params</c>: each value's short description on its own line, passwords masked.</summary>
    public static string Params(IReadOnlyList<ParameterValue> values) =>
        string.Concat(values.Select(value => $"\n{value.Name}={(value.Type == JenkinsParameterType.Password ? "****" : value.Value)}"));

    private static ExportedObject Definition(JenkinsParameterSpec definition)
    {
        var simpleName = $"{Kind(definition.Type)}ParameterDefinition";
        var exported = new ExportedObject($"hudson.model.{simpleName}")
            .Add("defaultParameterValue", Value(new ParameterValue(definition.Name, definition.Type, JenkinsState.Default(definition))), visibility: 3)
            .Add("description", definition.Description, visibility: 3)
            .Add("name", definition.Name, visibility: 3)
            .Add("type", simpleName, visibility: 3);
        return definition.Type switch
        {
            JenkinsParameterType.Choice => exported.Add("choices", definition.Choices ?? [], visibility: 3),
            JenkinsParameterType.String or JenkinsParameterType.Text => exported.Add("trim", false, visibility: 3),
            _ => exported,
        };
    }

    /// <summary>A value: strings and text as strings, booleans as booleans, passwords without their value (never exported).</summary>
    private static ExportedObject Value(ParameterValue value)
    {
        var exported = new ExportedObject($"hudson.model.{(value.Type == JenkinsParameterType.Choice ? "String" : Kind(value.Type))}ParameterValue")
            .Add("name", value.Name, visibility: 3);
        return value.Type switch
        {
            JenkinsParameterType.Password => exported,
            JenkinsParameterType.Boolean => exported.Add("value", value.Value == "true", visibility: 4),
            _ => exported.Add("value", value.Value, visibility: 4),
        };
    }

    private static string Kind(JenkinsParameterType type) => type switch
    {
        JenkinsParameterType.Text => "Text",
        JenkinsParameterType.Boolean => "Boolean",
        JenkinsParameterType.Choice => "Choice",
        JenkinsParameterType.Password => "Password",
        _ => "String",
    };
}
