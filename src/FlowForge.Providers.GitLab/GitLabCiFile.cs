using System.Buffers;
using System.Text.Json;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FlowForge.Providers.GitLab;

/// <summary>The types GitLab gives <c>spec:inputs</c>; they decide how a value is sent (a JSON string, number, boolean or array).</summary>
internal enum CiInputType
{
    String,
    Number,
    Boolean,
    Array,
}

/// <summary>A parameter a CI file declares: an input (sent as <c>inputs</c>) or a prefilled variable (sent as <c>variables</c>).</summary>
internal sealed record CiParameter(TriggerParameter Parameter, bool IsInput, CiInputType InputType = CiInputType.String);

/// <summary>What a CI file lets a manual pipeline be started with.</summary>
internal sealed record CiDeclaration(IReadOnlyList<CiParameter> Parameters)
{
    public static CiDeclaration None { get; } = new([]);

    public CiParameter? Find(string name) => Parameters.FirstOrDefault(parameter => parameter.Parameter.Name == name);
}

/// <summary>
/// Reads a <c>.gitlab-ci.yml</c> for what a pipeline can be started with, with YamlDotNet's representation model (the
/// nodes as written, custom tags such as <c>!reference</c> kept, no type guessing):
/// <list type="bullet">
/// <item>the <c>spec: inputs:</c> of the header document (the one before <c>---</c>): typed, with defaults, options and
/// descriptions, required when they have no default;</item>
/// <item>the top-level <c>variables:</c> that have a <c>description</c>, which GitLab prefills in its "Run pipeline" form
/// (with <c>options</c>, a choice); variables without one are not meant to be set by hand.</item>
/// </list>
/// An input and a variable of the same name: the input wins, as the typed and newer of the two.
/// </summary>
internal static class GitLabCiFile
{
    public const string DefaultPath = ".gitlab-ci.yml";

    /// <param name="description">Names the file for messages, like <c>.gitlab-ci.yml at main</c>.</param>
    /// <exception cref="ProviderException"><see cref="ProviderErrorKind.BadResponse"/> when the file is not YAML.</exception>
    public static CiDeclaration Parse(string yaml, string description)
    {
        var documents = Load(yaml, description);
        var header = documents.Count >= 2 && documents[0] is YamlMappingNode first && Find(first, "spec") is not null ? first : null;
        var content = (header is null ? documents.FirstOrDefault() : documents[1]) as YamlMappingNode;

        var inputs = header is not null && Find(header, "spec") is YamlMappingNode spec && Find(spec, "inputs") is YamlMappingNode declared
            ? declared.Children.Select(entry => ReadInput(Text(entry.Key) ?? string.Empty, entry.Value as YamlMappingNode)).ToList()
            : [];
        var names = inputs.Select(input => input.Parameter.Name).ToHashSet(StringComparer.Ordinal);
        var variables = content is not null && Find(content, "variables") is YamlMappingNode globals
            ? globals.Children
                .Select(entry => ReadVariable(Text(entry.Key) ?? string.Empty, entry.Value))
                .OfType<CiParameter>()
                .Where(variable => !names.Contains(variable.Parameter.Name))
            : [];
        return new CiDeclaration([.. inputs, .. variables]);
    }

    /// <summary>A CI configuration kept outside the project (<c>ci.yml@group/project</c>, a URL) cannot be read here.</summary>
    public static bool IsExternal(string path) =>
        path.Contains('@', StringComparison.Ordinal) || path.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static List<YamlNode> Load(string yaml, string description)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml.TrimStart('\uFEFF')));
            return [.. stream.Documents.Select(document => document.RootNode)];
        }
        catch (Exception exception) when (exception is YamlException or InvalidOperationException)
        {
            // YamlDotNet's scanner throws InvalidOperationException, without a position, for some broken flow collections.
            var position = exception is YamlException at ? $" (line {at.Start.Line}, column {at.Start.Column})" : string.Empty;
            throw new ProviderException(ProviderErrorKind.BadResponse, $"The CI file {description} is not valid YAML{position}.", exception);
        }
    }

    private static CiParameter ReadInput(string name, YamlMappingNode? properties)
    {
        var type = Text(Find(properties, "type"))?.ToUpperInvariant() switch
        {
            "NUMBER" => CiInputType.Number,
            "BOOLEAN" => CiInputType.Boolean,
            "ARRAY" => CiInputType.Array,

            // string, absent, or a type a later GitLab adds: sent as text, which GitLab checks itself.
            _ => CiInputType.String,
        };
        var options = Options(Find(properties, "options"));
        var defaultNode = Find(properties, "default");
        var defaultValue = type switch
        {
            CiInputType.Array when defaultNode is YamlSequenceNode list => JsonArray(list),
            CiInputType.Boolean when Text(defaultNode) is { } flag => flag.ToUpperInvariant() switch { "TRUE" => "true", "FALSE" => "false", _ => flag },
            _ => Text(defaultNode),
        };
        var parameterType = options.Count > 0 ? TriggerParameterType.Choice : type switch
        {
            CiInputType.Number => TriggerParameterType.Number,
            CiInputType.Boolean => TriggerParameterType.Boolean,
            _ => TriggerParameterType.String,
        };
        var description = Text(Find(properties, "description"));
        if (type == CiInputType.Array)
        {
            description = $"{description}{(description is null ? string.Empty : " ")}(a list: JSON like [\"a\", \"b\"], or values separated by commas)";
        }

        // Without a default, GitLab refuses a pipeline that does not give the input.
        var required = properties is null || !properties.Children.ContainsKey(new YamlScalarNode("default"));
        return new CiParameter(new TriggerParameter(name, null, description, parameterType, options, defaultValue, required), IsInput: true, type);
    }

    private static CiParameter? ReadVariable(string name, YamlNode value)
    {
        if (value is not YamlMappingNode properties || Text(Find(properties, "description")) is not { } description)
        {
            return null;
        }

        var options = Options(Find(properties, "options"));
        return new CiParameter(
            new TriggerParameter(
                name,
                null,
                description,
                options.Count > 0 ? TriggerParameterType.Choice : TriggerParameterType.String,
                options,
                Text(Find(properties, "value")),
                Required: false),
            IsInput: false);
    }

    private static IReadOnlyList<string> Options(YamlNode? node) =>
        node is YamlSequenceNode list ? [.. list.Children.Select(Text).OfType<string>()] : [];

    private static string JsonArray(YamlSequenceNode list)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in list.Children.Select(Text))
            {
                writer.WriteStringValue(item);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static YamlNode? Find(YamlMappingNode? map, string key) =>
        map?.Children.FirstOrDefault(entry => Text(entry.Key) == key).Value;

    /// <summary>A scalar's text; null for a YAML null (<c>~</c>, <c>null</c>, nothing) and for lists and maps.</summary>
    private static string? Text(YamlNode? node) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" } => null,
        YamlScalarNode { Value: { } value } => value,
        _ => null,
    };
}
