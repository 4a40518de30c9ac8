namespace FlowForge.Emulators.Jenkins.Json;

/// <summary>
/// An object as Stapler exports it: a <c>_class</c> and named properties, each with the visibility its
/// <c>@Exported</c> annotation gives it (how deep below the requested object it still shows without <c>tree</c>).
/// Values are strings, numbers, booleans, null, nested objects, sequences, or a <see cref="Func{TResult}"/> computed only
/// when the property is written.
/// </summary>
internal sealed class ExportedObject(string? @class)
{
    private readonly List<ExportedProperty> _properties = [];

    public string? Class { get; } = @class;

    public IReadOnlyList<ExportedProperty> Properties => _properties;

    /// <param name="inline">Like <c>@Exported(inline = true)</c>: the value's contents count as one level higher.</param>
    public ExportedObject Add(string name, object? value, int visibility = 1, bool inline = false)
    {
        _properties.Add(new ExportedProperty(name, value, visibility, inline));
        return this;
    }
}

internal sealed record ExportedProperty(string Name, object? Value, int Visibility, bool Inline);
