using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowForge.Providers.Jenkins.Dtos;

/// <summary>A job asked for its parameter definitions (<c>property</c>, and <c>actions</c> as older Jenkins exposed them).</summary>
internal sealed record JobParametersDto(
    bool? Buildable = null,
    IReadOnlyList<PropertyDto?>? Property = null,
    IReadOnlyList<ActionDto?>? Actions = null);

/// <summary>A job property; <c>hudson.model.ParametersDefinitionProperty</c> carries <c>parameterDefinitions</c>.</summary>
internal sealed record PropertyDto(
    [property: JsonPropertyName("_class")] string? Class = null,
    IReadOnlyList<ParameterDefinitionDto?>? ParameterDefinitions = null);

/// <summary>
/// A <c>hudson.model.ParameterDefinition</c>: <c>type</c> is the class's simple name (<c>StringParameterDefinition</c>, …);
/// choice parameters add <c>choices</c>. A password's default value carries no <c>value</c>.
/// </summary>
internal sealed record ParameterDefinitionDto(
    string Name,
    [property: JsonPropertyName("_class")] string? Class = null,
    string? Type = null,
    string? Description = null,
    DefaultValueDto? DefaultParameterValue = null,
    IReadOnlyList<string>? Choices = null);

internal sealed record DefaultValueDto(
    [property: JsonPropertyName("_class")] string? Class = null,
    string? Name = null,
    JsonElement? Value = null);
