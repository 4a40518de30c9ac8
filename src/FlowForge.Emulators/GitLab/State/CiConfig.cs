using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FlowForge.Emulators.GitLab.State;

/// <summary>One <c>spec:inputs</c> entry as GitLab checks it on pipeline creation.</summary>
/// <param name="Type"><c>string</c>, <c>number</c>, <c>boolean</c> or <c>array</c>.</param>
/// <param name="Default">The default as JSON, or null when the input is required.</param>
internal sealed record InputSpec(string Name, string Type, string? Default, IReadOnlyList<string> Options, string? Regex);

/// <summary>
/// What the emulator needs of a <c>.gitlab-ci.yml</c>: the header's <c>spec:inputs</c> (to check a pipeline's inputs
/// as GitLab does) and the jobs with their stages, <c>when: manual</c> and <c>allow_failure</c> (to give a pipeline its
/// jobs). A file that does not parse has neither; GitLab would refuse it, the emulator runs the default jobs.
/// </summary>
internal sealed record CiConfig(IReadOnlyList<InputSpec> Inputs, IReadOnlyList<JobSpec> Jobs)
{
    private static readonly string[] DefaultStages = [".pre", "build", "test", "deploy", ".post"];

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "default", "include", "stages", "variables", "workflow", "image", "services", "cache", "before_script", "after_script", "spec",
    };

    public static IReadOnlyList<JobSpec> DefaultJobs { get; } = [new("build", "build"), new("test", "test")];

    public static CiConfig Parse(string? yaml)
    {
        List<YamlNode> documents;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml ?? string.Empty));
            documents = [.. stream.Documents.Select(document => document.RootNode)];
        }
        catch (Exception exception) when (exception is YamlException or InvalidOperationException)
        {
            return new CiConfig([], DefaultJobs);
        }

        var header = documents.Count > 1 && Child(documents[0], "spec") is { } spec ? spec : null;
        var body = documents.Count > (header is null ? 0 : 1) ? documents[header is null ? 0 : 1] as YamlMappingNode : null;
        var inputs = Child(header, "inputs") is YamlMappingNode declared
            ? declared.Children.Select(entry => Input(Scalar(entry.Key) ?? "", entry.Value as YamlMappingNode)).ToList()
            : [];
        var jobs = body is null ? [] : ReadJobs(body);
        return new CiConfig(inputs, jobs.Count > 0 ? jobs : DefaultJobs);
    }

    /// <summary>Checks inputs as GitLab does on <c>POST …/pipeline</c>; returns its error messages, none when they are fine.</summary>
    public IReadOnlyList<string> Validate(IReadOnlyDictionary<string, JsonElement> given)
    {
        var errors = new List<string>();
        var unknown = given.Keys.Where(name => Inputs.All(input => input.Name != name)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add($"Unknown input: {string.Join(", ", unknown)}");
        }

        foreach (var input in Inputs)
        {
            if (!given.TryGetValue(input.Name, out var value))
            {
                if (input.Default is null)
                {
                    errors.Add($"`{input.Name}` input: required value has not been provided");
                }

                continue;
            }

            if (Problem(input, value) is { } problem)
            {
                errors.Add($"`{input.Name}` input: {problem}");
            }
        }

        return errors;
    }

    private static string? Problem(InputSpec input, JsonElement value)
    {
        var typeMatches = input.Type switch
        {
            "number" => value.ValueKind == JsonValueKind.Number,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "array" => value.ValueKind == JsonValueKind.Array,
            _ => value.ValueKind == JsonValueKind.String,
        };
        if (!typeMatches)
        {
            return $"provided value is not {(input.Type == "array" ? "an array" : "a " + input.Type)}";
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
        if (input.Options.Count > 0 && value.ValueKind != JsonValueKind.Array && !input.Options.Contains(text, StringComparer.Ordinal))
        {
            return $"`{text}` cannot be used because it is not in the list of allowed options";
        }

        return input.Regex is not null && value.ValueKind == JsonValueKind.String
            && !System.Text.RegularExpressions.Regex.IsMatch(text, input.Regex, RegexOptions.None, TimeSpan.FromMilliseconds(100))
                ? "provided value does not match required RegEx pattern"
                : null;
    }

    private static InputSpec Input(string name, YamlMappingNode? properties)
    {
        var type = Scalar(Child(properties, "type")) ?? "string";
        var defaultNode = Child(properties, "default");
        var hasDefault = properties is not null && properties.Children.ContainsKey(new YamlScalarNode("default"));
        var options = Child(properties, "options") is YamlSequenceNode list ? list.Children.Select(Scalar).OfType<string>().ToList() : [];
        return new InputSpec(name, type, hasDefault ? Json(defaultNode, type) : null, options, Scalar(Child(properties, "regex")));
    }

    private static string Json(YamlNode? node, string type) => node switch
    {
        YamlSequenceNode list => JsonSerializer.Serialize(list.Children.Select(Scalar).ToArray()),
        YamlScalarNode scalar when type is "number" or "boolean" => scalar.Value ?? "null",
        _ => JsonSerializer.Serialize(Scalar(node)),
    };

    /// <summary>Jobs in stage order, then file order; hidden jobs (<c>.name</c>) and keywords are not jobs.</summary>
    private static List<JobSpec> ReadJobs(YamlMappingNode body)
    {
        var stages = Child(body, "stages") is YamlSequenceNode declared
            ? [".pre", .. declared.Children.Select(Scalar).OfType<string>(), ".post"]
            : DefaultStages;
        return
        [
            .. body.Children
                .Select(entry => (Name: Scalar(entry.Key) ?? "", Definition: entry.Value as YamlMappingNode))
                .Where(entry => entry.Definition is not null && entry.Name.Length > 0 && !entry.Name.StartsWith('.') && !Keywords.Contains(entry.Name))
                .Select(entry =>
                {
                    var manual = Scalar(Child(entry.Definition, "when")) == "manual";
                    var allowFailure = Scalar(Child(entry.Definition, "allow_failure")) is { } flag ? flag == "true" : manual;
                    return new JobSpec(entry.Name, Scalar(Child(entry.Definition, "stage")) ?? "test", manual, allowFailure);
                })
                .Select((job, order) => (job, order))
                .OrderBy(pair => Array.IndexOf(stages, pair.job.Stage) is var index && index >= 0 ? index : int.MaxValue)
                .ThenBy(pair => pair.order)
                .Select(pair => pair.job),
        ];
    }

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlNode? node) =>
        node is YamlScalarNode { Value: { } value } scalar && !(scalar.Style == ScalarStyle.Plain && value is "" or "~" or "null") ? value : null;
}
