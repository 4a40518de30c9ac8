using FlowForge.Abstractions.Domain;
using Microsoft.AspNetCore.Components;

namespace FlowForge.Web.Components.Settings;

public sealed partial class WatchPicker
{
    // Ids compare as WatchSelection.Includes compares them.
    private readonly HashSet<string> _selected = new(StringComparer.OrdinalIgnoreCase);
    private HashSet<string> _visible = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<WatchableSource>? _seenSources;
    private List<WatchableSource> _listed = [];

    // A stable number per source for element ids: source ids may hold characters an id should not (spaces in Jenkins job names).
    private Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);
    private ElementReference _title;
    private bool _all;
    private string _search = string.Empty;

    [Parameter, EditorRequired]
    public string InstanceId { get; set; } = default!;

    /// <summary>What the token can see; null while the provider is asked.</summary>
    [Parameter]
    public IReadOnlyList<WatchableSource>? Sources { get; set; }

    [Parameter]
    public string? LoadError { get; set; }

    [Parameter, EditorRequired]
    public WatchSelection Current { get; set; } = default!;

    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public string? SaveError { get; set; }

    [Parameter]
    public EventCallback<WatchSelection> OnSave { get; set; }

    [Parameter]
    public EventCallback OnCancel { get; set; }

    private string Prefix => $"watch-{InstanceId}";

    private List<WatchableSource> Shown =>
        string.IsNullOrWhiteSpace(_search)
            ? _listed
            : [.. _listed.Where(source => Matches(source, _search.Trim()))];

    private string CountText =>
        _all
            ? $"Watching everything: {SettingsText.Plural(_visible.Count, "source", "sources")} now, and any that appear later."
            : $"{SettingsText.Count(_selected.Count)} of {SettingsText.Count(_listed.Count)} selected · {SettingsText.Count(Shown.Count)} shown.";

    protected override void OnInitialized()
    {
        _all = Current.All;
        _selected.UnionWith(Current.Sources);
    }

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(Sources, _seenSources) || Sources is null)
        {
            return;
        }

        // Chosen sources the token no longer sees stay listed (and chosen) until someone unticks them.
        _seenSources = Sources;
        _visible = new HashSet<string>(Sources.Select(source => source.Id), StringComparer.OrdinalIgnoreCase);
        _listed =
        [
            .. Sources.DistinctBy(source => source.Id, StringComparer.OrdinalIgnoreCase).OrderBy(source => source.Name, StringComparer.OrdinalIgnoreCase),
            .. _selected.Where(id => !_visible.Contains(id)).Order(StringComparer.OrdinalIgnoreCase)
                .Select(id => new WatchableSource(id, id, null, null, null, false)),
        ];
        _index = _listed.Select((source, index) => (source.Id, index)).ToDictionary(pair => pair.Id, pair => pair.index, StringComparer.OrdinalIgnoreCase);
    }

    protected override Task OnAfterRenderAsync(bool firstRender) => firstRender ? _title.FocusAsync().AsTask() : Task.CompletedTask;

    private static bool Matches(WatchableSource source, string search) =>
        source.Id.Contains(search, StringComparison.OrdinalIgnoreCase)
        || source.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
        || (source.Description?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false);

    private void OnAllChanged(ChangeEventArgs args) => _all = args.Value is true;

    private void OnSearch(ChangeEventArgs args) => _search = args.Value?.ToString() ?? string.Empty;

    private void Toggle(string id, ChangeEventArgs args)
    {
        if (args.Value is true)
        {
            _selected.Add(id);
        }
        else
        {
            _selected.Remove(id);
        }
    }

    private void SelectShown() => _selected.UnionWith(Shown.Select(source => source.Id));

    private void ClearShown() => _selected.ExceptWith(Shown.Select(source => source.Id));

    /// <summary>
    /// "Everything" keeps the ticked list too, so turning it off later brings the choice back; the sync engine ignores the
    /// list while everything is watched.
    /// </summary>
    private Task SaveAsync() =>
        OnSave.InvokeAsync(new WatchSelection(_all, [.. _selected.Order(StringComparer.OrdinalIgnoreCase)]));
}
