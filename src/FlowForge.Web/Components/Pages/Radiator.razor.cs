using FlowForge.Abstractions.Domain;
using FlowForge.Web.Components.Pipelines;
using Microsoft.AspNetCore.Components;

namespace FlowForge.Web.Components.Pages;

/// <summary>
/// The TV view: tiles readable from three metres, broken ones first, live, with nothing to press. A heartbeat keeps
/// relative times and progress true between events. <c>?instance=a,b</c> shows only those instances; <c>?max=N</c>
/// sets how many tiles fit the screen.
/// </summary>
public sealed partial class Radiator : LivePipelinesPage
{
    private IReadOnlyList<PipelineEntry>? _entries;
    private RadiatorBoard _board = RadiatorBoard.Arrange([], new HashSet<string>(), RadiatorBoard.DefaultMax);
    private HashSet<string> _instances = new(StringComparer.Ordinal);

    [SupplyParameterFromQuery(Name = "instance")]
    private string? QueryInstance { get; set; }

    [SupplyParameterFromQuery(Name = "max")]
    private int? QueryMax { get; set; }

    protected override TimeSpan Heartbeat { get; } = TimeSpan.FromSeconds(15);

    protected override bool AnyRunning => _board.Tiles.Any(entry => entry.LatestRun?.Status.IsActive() == true);

    protected override async Task OnInitializedAsync()
    {
        _instances = (QueryInstance ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        await StartAsync(instanceId => _instances.Count == 0 || _instances.Contains(instanceId));
    }

    protected override async Task ReloadAsync()
    {
        _entries = await Loader.LoadAsync(Disposed);
        _board = RadiatorBoard.Arrange(_entries, _instances, QueryMax ?? RadiatorBoard.DefaultMax);
    }
}
