using FlowForge.Abstractions.Providers;
using FlowForge.Core.Secrets;
using Microsoft.AspNetCore.Components;

namespace FlowForge.Web.Components.Settings;

public sealed partial class ConfigFieldInput
{
    [Parameter, EditorRequired]
    public ConfigField Field { get; set; } = default!;

    /// <summary>Makes the input's id unique on the page: one form per instance, and one for a new instance.</summary>
    [Parameter, EditorRequired]
    public string IdPrefix { get; set; } = default!;

    [Parameter]
    public string? Value { get; set; }

    [Parameter]
    public EventCallback<string?> ValueChanged { get; set; }

    [Parameter]
    public IReadOnlyList<string>? Errors { get; set; }

    /// <summary>True for an existing instance: secrets then show whether they are set, and an empty input keeps them.</summary>
    [Parameter]
    public bool Editing { get; set; }

    /// <summary>Where an existing instance's secret lives (<c>env:NAME</c>, <c>memory:...</c>); null when it is not set.</summary>
    [Parameter]
    public string? StoredReference { get; set; }

    /// <summary>A set, optional secret is to be removed.</summary>
    [Parameter]
    public bool Clear { get; set; }

    [Parameter]
    public EventCallback<bool> ClearChanged { get; set; }

    private string Id => $"{IdPrefix}-{Field.Key}";

    private bool Invalid => Errors is { Count: > 0 };

    private bool IsSet => Editing && StoredReference is not null;

    private string SecretState =>
        !IsSet ? "Not set."
        : SecretReference.TryParse(StoredReference, out var reference) && reference.Scheme == "env" ? $"Set: read from the environment variable {reference.Key}."
        : SecretReference.TryParse(StoredReference, out reference) && reference.Scheme == "memory"
            ? "Set, in memory only: FlowForge forgets it when it restarts, and it must then be set again."
        : SecretReference.TryParse(StoredReference, out reference) ? $"Set, in the '{reference.Scheme}' secret store."
        : "Set.";

    /// <summary>Marked required when a value must be typed now: a required field without a default, unless an edit keeps a set secret.</summary>
    private bool MustEnter => Field.Required && Field.DefaultValue is null && !(Field.Secret && IsSet);

    private bool CanClear => Field.Secret && !Field.Required && IsSet;

    private bool IsChecked => bool.TryParse(Value ?? Field.DefaultValue, out var value) && value;

    private string InputType => Field.Secret ? "password" : Field.Type switch
    {
        ConfigFieldType.Url => "url",
        ConfigFieldType.Number => "number",
        _ => "text",
    };

    private string DescribedBy =>
        string.Join(' ', new[] { Field.Secret && Editing ? $"{Id}-state" : null, $"{Id}-hint", Invalid ? $"{Id}-error" : null }.OfType<string>());

    private string Hint
    {
        get
        {
            var parts = new List<string>();
            if (!string.IsNullOrWhiteSpace(Field.Description))
            {
                parts.Add(Field.Description.Trim());
            }

            if (Field.DefaultValue is { } fallback && Field.Type != ConfigFieldType.Boolean && !Field.Secret)
            {
                parts.Add($"Default: {fallback}.");
            }

            if (Field.Secret)
            {
                parts.Add("Kept in FlowForge's secret store and never shown again. Or enter env:NAME to have FlowForge read it from the "
                    + "environment variable NAME, so it is never stored.");
                if (Editing)
                {
                    parts.Add("Leave empty to keep the current value.");
                }
            }

            return string.Join(' ', parts);
        }
    }

    private Task OnChangedAsync(ChangeEventArgs args) => ValueChanged.InvokeAsync(args.Value?.ToString());

    private Task OnCheckedAsync(ChangeEventArgs args) => ValueChanged.InvokeAsync(args.Value is true ? "true" : "false");

    private Task OnClearAsync(ChangeEventArgs args) => ClearChanged.InvokeAsync(args.Value is true);
}
