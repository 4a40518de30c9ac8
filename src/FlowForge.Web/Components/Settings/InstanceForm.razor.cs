using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using Microsoft.AspNetCore.Components;

namespace FlowForge.Web.Components.Settings;

public sealed partial class InstanceForm
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _initial = new(StringComparer.Ordinal);
    private readonly HashSet<string> _clear = new(StringComparer.Ordinal);
    private Dictionary<string, string[]> _localErrors = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string[]>? _seenErrors;
    private bool _focusSummary;
    private ElementReference _title;
    private ElementReference _summary;
    private string? _kind;
    private string? _id;
    private string? _displayName;
    private string? _refresh;

    /// <summary>The kinds a new instance can be (adding only).</summary>
    [Parameter]
    public IReadOnlyList<ProviderDescriptor> Descriptors { get; set; } = [];

    /// <summary>The instance to edit; null to add one.</summary>
    [Parameter]
    public ProviderInstance? Instance { get; set; }

    /// <summary>The descriptor of the instance being edited.</summary>
    [Parameter]
    public ProviderDescriptor? InstanceDescriptor { get; set; }

    /// <summary>Field errors from the last save, keyed as <c>ValidationFailedException</c> keys them (<c>settings.token</c>, ...).</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string[]>? Errors { get; set; }

    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public EventCallback<InstanceFormValues> OnSubmit { get; set; }

    [Parameter]
    public EventCallback OnCancel { get; set; }

    private string Prefix => Instance is null ? "new-instance" : $"edit-{Instance.Id}";

    private string Title => Instance is null ? "Add a provider instance" : $"Edit {Instance.DisplayName}";

    private ProviderDescriptor? Descriptor =>
        Instance is null ? Descriptors.FirstOrDefault(descriptor => descriptor.Kind == _kind) : InstanceDescriptor;

    private string? DefaultDisplayName =>
        Instance is null && Descriptor is not null ? $"{Descriptor.DisplayName} ({(string.IsNullOrWhiteSpace(_id) ? "id" : _id.Trim())})" : null;

    private IReadOnlyDictionary<string, string[]> ShownErrors =>
        _localErrors.Count > 0 ? _localErrors : Errors ?? new Dictionary<string, string[]>();

    /// <summary>Messages for keys no field shows (<c>watch.sources</c>, a field the provider no longer declares): the summary lists them.</summary>
    private List<string> Unplaced =>
    [
        .. ShownErrors.Where(pair => !IsPlaced(pair.Key)).SelectMany(pair => pair.Value),
    ];

    protected override void OnInitialized()
    {
        _kind = Instance?.Kind ?? (Descriptors.Count > 0 ? Descriptors[0].Kind : null);
        if (Instance is not null)
        {
            _displayName = Instance.DisplayName;
            _refresh = ((int)Instance.RefreshInterval.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        ResetValues();
    }

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(Errors, _seenErrors))
        {
            _seenErrors = Errors;
            _focusSummary |= Errors is { Count: > 0 };
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Keyboard and screen-reader users land in the form when it opens, and on the problems when a save fails.
        if (firstRender)
        {
            await _title.FocusAsync();
        }
        else if (_focusSummary && ShownErrors.Count > 0)
        {
            _focusSummary = false;
            await _summary.FocusAsync();
        }
    }

    private string[]? ErrorsFor(string key) => ShownErrors.TryGetValue(key, out var messages) && messages.Length > 0 ? messages : null;

    private bool IsPlaced(string key) =>
        key is "displayName" or "refreshIntervalSeconds" || (Instance is null && key is "id" or "kind")
        || (key.StartsWith("settings.", StringComparison.Ordinal) && Descriptor?.FindField(key["settings.".Length..]) is not null);

    private void OnKindChanged(ChangeEventArgs args)
    {
        _kind = args.Value?.ToString();
        ResetValues();
    }

    private void SetClear(string key, bool clear)
    {
        if (clear)
        {
            _clear.Add(key);
            _values[key] = null;
        }
        else
        {
            _clear.Remove(key);
        }
    }

    /// <summary>Fills the inputs: an edit shows the stored values, never a secret; a new instance starts empty (defaults show as placeholders).</summary>
    private void ResetValues()
    {
        _values.Clear();
        _initial.Clear();
        _clear.Clear();
        foreach (var field in Descriptor?.Fields ?? [])
        {
            var stored = field.Secret ? null : Instance?.Settings.GetValueOrDefault(field.Key);
            var value = field.Type == ConfigFieldType.Boolean ? stored ?? field.DefaultValue ?? "false" : stored;
            _values[field.Key] = value;
            _initial[field.Key] = value;
        }
    }

    private async Task SubmitAsync()
    {
        _localErrors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        int? refresh = null;
        if (!string.IsNullOrWhiteSpace(_refresh))
        {
            if (int.TryParse(_refresh.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                refresh = seconds;
            }
            else
            {
                _localErrors["refreshIntervalSeconds"] = ["Enter the refresh interval as a whole number of seconds."];
            }
        }

        if (_localErrors.Count > 0 || Descriptor is null)
        {
            _focusSummary = true;
            return;
        }

        var values = Instance is null
            ? new InstanceFormValues(_id?.Trim() ?? string.Empty, _kind ?? string.Empty, Blank(_displayName), NewSettings(Descriptor), refresh)
            : new InstanceFormValues(
                Instance.Id,
                Instance.Kind,
                Changed(_displayName, Instance.DisplayName),
                ChangedSettings(Descriptor),
                refresh == (int)Instance.RefreshInterval.TotalSeconds ? null : refresh);
        await OnSubmit.InvokeAsync(values);
    }

    /// <summary>A new instance gets what was entered; a field left at its default is left out, so the default keeps applying.</summary>
    private Dictionary<string, string?> NewSettings(ProviderDescriptor descriptor)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in descriptor.Fields)
        {
            var value = _values.GetValueOrDefault(field.Key);
            value = field.Secret ? value : value?.Trim();
            if (!string.IsNullOrEmpty(value) && value != (field.Type == ConfigFieldType.Boolean ? field.DefaultValue ?? "false" : field.DefaultValue))
            {
                settings[field.Key] = value;
            }
        }

        return settings;
    }

    /// <summary>An edit sends only what changed: a typed secret rotates it, an empty one keeps it, a ticked "remove" clears it.</summary>
    private Dictionary<string, string?> ChangedSettings(ProviderDescriptor descriptor)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in descriptor.Fields)
        {
            var value = _values.GetValueOrDefault(field.Key);
            if (field.Secret)
            {
                if (_clear.Contains(field.Key))
                {
                    settings[field.Key] = string.Empty;
                }
                else if (!string.IsNullOrEmpty(value))
                {
                    settings[field.Key] = value;
                }
            }
            else if ((value?.Trim() ?? string.Empty) != (_initial.GetValueOrDefault(field.Key) ?? string.Empty))
            {
                settings[field.Key] = value?.Trim() ?? string.Empty;
            }
        }

        return settings;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // An emptied name is sent as empty, so the service's rule explains what a name must be.
    private static string? Changed(string? text, string current) => (text?.Trim() ?? string.Empty) == current ? null : text?.Trim() ?? string.Empty;
}
