using FlowForge.Abstractions.Domain;
using FlowForge.Core.Access;
using FlowForge.Core.Events;
using FlowForge.Core.Persistence;
using FlowForge.Core.Pipelines;
using FlowForge.Web.Components.Pipelines;
using FlowForge.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;

namespace FlowForge.Web.Components.Pages;

/// <summary>
/// The TV view: tiles readable from three metres, broken ones first, live, with nothing to press. A heartbeat keeps
/// relative times and progress true between events. <c>?instance=a,b</c> shows only those instances; <c>?max=N</c>
/// sets how many tiles fit the screen.
/// </summary>
public sealed partial class Radiator : IAsyncDisposable
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _disposed = new();
    private PipelineLoader? _loader;
    private IReadOnlyList<PipelineEntry>? _entries;
    private RadiatorBoard _board = RadiatorBoard.Arrange([], new HashSet<string>(), RadiatorBoard.DefaultMax);
    private HashSet<string> _instances = new(StringComparer.Ordinal);
    private DateTimeOffset _now;
    private DateTimeOffset _lastBeat;
    private IDisposable? _live;
    private ITimer? _heartbeat;

    [Inject]
    private PipelineReadModel ReadModel { get; set; } = default!;

    [Inject]
    private IInstanceRepository InstanceStore { get; set; } = default!;

    [Inject]
    private PipelineBaselines Baselines { get; set; } = default!;

    [Inject]
    private LiveEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<Radiator> Logger { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "instance")]
    private string? QueryInstance { get; set; }

    [SupplyParameterFromQuery(Name = "max")]
    private int? QueryMax { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _now = _lastBeat = Time.GetUtcNow();
        _instances = (QueryInstance ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var scope = AccessScope.From((await AuthenticationState).User);
        _loader = new PipelineLoader(ReadModel, InstanceStore, Baselines, scope);
        await ReloadAsync();
        if (RendererInfo.IsInteractive)
        {
            _live = Live.Subscribe(
                e => e.Type is not (FlowEventType.JobsChanged or FlowEventType.InstanceHealthChanged) && scope.Allows(e.InstanceId)
                    && (_instances.Count == 0 || _instances.Contains(e.InstanceId)),
                OnEventsAsync);
            _heartbeat = Time.CreateTimer(_ => _ = InvokeAsync(Beat), null, Heartbeat, Heartbeat);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _live?.Dispose();
        if (_heartbeat is not null)
        {
            await _heartbeat.DisposeAsync();
        }

        await _disposed.CancelAsync();
        _disposed.Dispose();
    }

    private async Task OnEventsAsync(IReadOnlyList<FlowEvent> events)
    {
        try
        {
            await InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            });
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or ObjectDisposedException))
        {
            // The radiator runs unattended: a failed refresh waits for the next event instead of ending the updates.
            PipelinesLog.RefreshFailed(Logger, exception, events.Count);
        }
    }

    private async Task ReloadAsync()
    {
        _entries = await _loader!.LoadAsync(_disposed.Token);
        _board = RadiatorBoard.Arrange(_entries, _instances, QueryMax ?? RadiatorBoard.DefaultMax);
    }

    private void Beat()
    {
        _now = Time.GetUtcNow();
        var running = _board.Tiles.Any(entry => entry.LatestRun?.Status.IsActive() == true);
        if (running || _now - _lastBeat >= TimeSpan.FromMinutes(1))
        {
            _lastBeat = _now;
            StateHasChanged();
        }
    }
}
