using System.Text.Json;
using FlowForge.Abstractions.Domain;
using FlowForge.Web.Components.Pipelines;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace FlowForge.Web.Components.Pages;

/// <summary>
/// The home page: every pipeline the viewer may see, live. All pipelines are held in the component and filtered here,
/// so filters answer at once; only the rows on screen are rendered. A live event re-reads the list (from memory) and
/// re-renders in place: filters, favourites and the scroll position stay as they were.
/// </summary>
public sealed partial class Pipelines : LivePipelinesPage
{
    /// <summary>The row height in pixels the list starts from (3.75rem); it measures the real one as it scrolls.</summary>
    private const float RowHeight = 56;

    /// <summary>How many items the page sends before it is live: more than a tall screen shows.</summary>
    private const int PrerenderedItems = 40;

    private const string FavouritesKey = "favourites";
    private const string GroupingKey = "pipelines.group";

    private PipelineFilters? _filters;
    private IReadOnlyList<PipelineEntry>? _entries;
    private PipelineFilter _filter = PipelineFilter.None;
    private PipelineGrouping _grouping = PipelineGrouping.Instance;
    private HashSet<string> _favourites = new(StringComparer.Ordinal);
    private PipelineListView _view = PipelineListView.Empty;
    private IReadOnlyList<string> _providers = [];
    private IReadOnlyList<(string Id, string Name)> _instanceOptions = [];
    private IReadOnlyList<string> _branches = [];
    private int _failing;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    // Filters can be given in the address (?status=failed&q=deploy), for links and bookmarks; read once, on opening.
    [SupplyParameterFromQuery(Name = "q")]
    private string? QueryText { get; set; }

    [SupplyParameterFromQuery(Name = "status")]
    private string? QueryStatus { get; set; }

    [SupplyParameterFromQuery(Name = "provider")]
    private string? QueryProvider { get; set; }

    [SupplyParameterFromQuery(Name = "instance")]
    private string? QueryInstance { get; set; }

    [SupplyParameterFromQuery(Name = "branch")]
    private string? QueryBranch { get; set; }

    [SupplyParameterFromQuery(Name = "failing")]
    private bool QueryFailing { get; set; }

    [SupplyParameterFromQuery(Name = "group")]
    private string? QueryGroup { get; set; }

    private string PageTitleText => _failing > 0 ? $"({_failing} failing) Pipelines · FlowForge" : "Pipelines · FlowForge";

    /// <summary>How often running rows move their progress on; the relative times move on every minute.</summary>
    protected override TimeSpan Heartbeat { get; } = TimeSpan.FromSeconds(5);

    protected override bool AnyRunning => _entries?.Any(entry => entry.LatestRun?.Status.IsActive() == true) ?? false;

    protected override async Task OnInitializedAsync()
    {
        _filter = new PipelineFilter(Blank(QueryText), StatusBuckets.Parse(QueryStatus), Blank(QueryProvider), Blank(QueryInstance), Blank(QueryBranch), QueryFailing);
        if (Enum.TryParse<PipelineGrouping>(QueryGroup, ignoreCase: true, out var grouping) && Enum.IsDefined(grouping))
        {
            _grouping = grouping;
        }

        await StartAsync(_ => true);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        // Favourites and the grouping are this browser's: they live in its storage, readable only once connected.
        try
        {
            _favourites = ParseFavourites(await JS.InvokeAsync<string?>("flowforge.load", Disposed, FavouritesKey));
            if (QueryGroup is null && Enum.TryParse<PipelineGrouping>(await JS.InvokeAsync<string?>("flowforge.load", Disposed, GroupingKey), out var saved)
                && Enum.IsDefined(saved))
            {
                _grouping = saved;
            }
        }
        catch (Exception exception) when (exception is JSException or JSDisconnectedException or OperationCanceledException)
        {
            return;
        }

        Rebuild();
        StateHasChanged();
    }

    protected override async Task ReloadAsync()
    {
        var entries = await Loader.LoadAsync(Disposed);
        _entries = entries;
        _providers = [.. Loader.Instances.Select(instance => instance.Kind).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
        _instanceOptions = [.. Loader.Instances.Select(instance => (instance.Id, instance.DisplayName))];
        _branches = [.. entries.Select(entry => entry.LatestRun?.Branch).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase).Take(200)];
        Rebuild();
    }

    private void Rebuild()
    {
        if (_entries is null)
        {
            return;
        }

        _view = PipelineListView.Build(_entries, _filter, _grouping, _favourites);
        _failing = _entries.Count(entry => entry.IsFailing);
    }

    private void SetFilter(PipelineFilter filter)
    {
        _filter = filter;
        Rebuild();
    }

    private void SetStatus(StatusBucket? status) => SetFilter(_filter with { Status = status });

    private async Task ClearFilters()
    {
        SetFilter(PipelineFilter.None);
        StateHasChanged();
        if (_filters is not null)
        {
            await _filters.FocusSearchAsync();
        }
    }

    private async Task SetGroupingAsync(PipelineGrouping grouping)
    {
        _grouping = grouping;
        Rebuild();
        await SaveAsync(GroupingKey, grouping.ToString());
    }

    private async Task ToggleFavouriteAsync(string key)
    {
        if (!_favourites.Remove(key))
        {
            _favourites.Add(key);
        }

        Rebuild();
        await SaveAsync(FavouritesKey, JsonSerializer.Serialize(_favourites.Order(StringComparer.Ordinal)));
    }

    private async Task SaveAsync(string key, string value)
    {
        try
        {
            await JS.InvokeVoidAsync("flowforge.save", Disposed, key, value);
        }
        catch (Exception exception) when (exception is JSException or JSDisconnectedException or OperationCanceledException)
        {
            // Storage may be full or off (private windows); the choice still holds for this visit.
        }
    }

    internal static HashSet<string> ParseFavourites(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(json)?.Where(key => PipelineKey.TryParse(key, out _)).ToHashSet(StringComparer.Ordinal)
                ?? new HashSet<string>(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // Someone else's value under our name, or a hand edit: start afresh rather than fail the page.
            return new HashSet<string>(StringComparer.Ordinal);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
