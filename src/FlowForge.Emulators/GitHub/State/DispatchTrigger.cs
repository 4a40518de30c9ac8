using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FlowForge.Emulators.GitHub.State;

/// <summary>One input of a <c>workflow_dispatch</c> trigger.</summary>
/// <param name="Type"><c>string</c>, <c>boolean</c>, <c>choice</c>, <c>number</c> or <c>environment</c>.</param>
internal sealed record DispatchInput(string Name, string Type, bool Required, string? Default, IReadOnlyList<string> Options);

/// <summary>
/// The <c>workflow_dispatch</c> trigger of a workflow file, read the way GitHub reads it (the trigger key spelled
/// <c>on</c>, <c>"on"</c> or, as YAML 1.1 tools write it back, <c>true</c>; <c>on</c> as a string, a list or a map),
/// and GitHub's checks of a dispatch request's inputs against it.
/// </summary>
internal sealed record DispatchTrigger(IReadOnlyList<DispatchInput> Inputs)
{
    /// <summary>GitHub accepts at most this many properties in a dispatch request's <c>inputs</c>.</summary>
    public const int MaxInputs = 25;

    /// <summary>The trigger, or null when the file has none (or is not a YAML mapping GitHub could run).</summary>
    public static DispatchTrigger? Parse(string yaml)
    {
        YamlMappingNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // YamlDotNet's scanner throws InvalidOperationException for some broken flow collections.
            return null;
        }

        var on = root?.Children.FirstOrDefault(c => IsTriggerKey(c.Key)).Value;
        return on switch
        {
            YamlScalarNode scalar when scalar.Value == "workflow_dispatch" => new DispatchTrigger([]),
            YamlSequenceNode list when list.Children.OfType<YamlScalarNode>().Any(s => s.Value == "workflow_dispatch") => new DispatchTrigger([]),
            YamlMappingNode map when map.Children.FirstOrDefault(c => Text(c.Key) == "workflow_dispatch") is { Key: not null } dispatch =>
                new DispatchTrigger(ReadInputs(dispatch.Value)),
            _ => null,
        };
    }

    /// <summary>Checks a request's <c>inputs</c> as GitHub does; returns GitHub's 422 message, or null when they are acceptable.</summary>
    /// <param name="values">The inputs as received: each a JSON string, number or boolean.</param>
    public string? Validate(IReadOnlyList<KeyValuePair<string, JsonElement>> values)
    {
        if (values.Count > MaxInputs)
        {
            return $"Invalid request.\n\nNo more than {MaxInputs} properties are allowed; {values.Count} were supplied.";
        }

        var declared = Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var unexpected = values.Where(v => !declared.ContainsKey(v.Key)).Select(v => $"\"{v.Key}\"").ToArray();
        if (unexpected.Length > 0)
        {
            return $"Unexpected inputs provided: [{string.Join(", ", unexpected)}]";
        }

        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            if (Scalar(value) is not { } text)
            {
                return $"Invalid request.\n\nFor 'properties/{name}', {value.GetRawText()} is not a string, number or boolean.";
            }

            given[name] = text;
        }

        foreach (var input in Inputs)
        {
            if (!given.TryGetValue(input.Name, out var text) || text.Length == 0)
            {
                if (input.Required && string.IsNullOrEmpty(input.Default))
                {
                    return $"Required input '{input.Name}' not provided";
                }

                continue;
            }

            var problem = input.Type switch
            {
                "boolean" when text is not ("true" or "false") => "is not a valid boolean",
                "number" when !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => "is not a valid number",
                "choice" when !input.Options.Contains(text, StringComparer.Ordinal) => "not in the list of allowed values",
                _ => null,
            };
            if (problem is not null)
            {
                return $"Provided value '{text}' for input '{input.Name}' {problem}";
            }
        }

        return null;
    }

    /// <summary>A JSON string as is, a number or boolean as its text; null for anything else.</summary>
    public static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    /// <summary><c>on</c> in any quoting, or a plain <c>true</c>: what a YAML 1.1 tool makes of a bare <c>on</c>.</summary>
    private static bool IsTriggerKey(YamlNode key) =>
        key is YamlScalarNode scalar
        && (scalar.Value == "on" || (scalar.Style == ScalarStyle.Plain && scalar.Value is "true" or "True" or "TRUE"));

    private static IReadOnlyList<DispatchInput> ReadInputs(YamlNode dispatch)
    {
        if (dispatch is not YamlMappingNode map || map.Children.FirstOrDefault(c => Text(c.Key) == "inputs").Value is not YamlMappingNode inputs)
        {
            return [];
        }

        return
        [
            .. inputs.Children.Select(c =>
            {
                var properties = c.Value as YamlMappingNode;
                YamlNode? Property(string name) => properties?.Children.FirstOrDefault(p => Text(p.Key) == name).Value;
                var options = Property("options") is YamlSequenceNode list ? list.Children.Select(Text).OfType<string>().ToArray() : [];
                return new DispatchInput(
                    Text(c.Key) ?? "",
                    Text(Property("type")) ?? "string",
                    Text(Property("required")) is "true" or "True" or "TRUE",
                    Text(Property("default")),
                    options);
            }),
        ];
    }

    private static string? Text(YamlNode? node) => node is YamlScalarNode { Value: { } value } ? value : null;
}
