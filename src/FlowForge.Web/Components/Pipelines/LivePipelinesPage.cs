using FlowForge.Core.Access;
using FlowForge.Core.Events;
using FlowForge.Core.Persistence;
using FlowForge.Core.Pipelines;
using FlowForge.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;

namespace FlowForge.Web.Components.Pipelines;

/// <summary>
/// A page that shows the pipelines list live (the home page, the radiator): it loads what the viewer may see, reloads
/// on every run or pipeline event it shows, and a heartbeat redraws while a run is going (progress) or once a minute
/// (relative times). A failed reload waits for the next event instead of ending the updates.
/// </summary>
public abstract partial class LivePipelinesPage : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private PipelineLoader? _loader;
    private ILogger? _logger;
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
    private ILoggerFactory LoggerFactory { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    /// <summary>The time the page shows relative times against; moved on by the heartbeat.</summary>
    protected DateTimeOffset Now { get; private set; }

    /// <summary>Cancelled when the page goes away.</summary>
    protected CancellationToken Disposed => _disposed.Token;

    /// <summary>The viewer's pipelines, loaded by <see cref="StartAsync"/>.</summary>
    protected PipelineLoader Loader => _loader ?? throw new InvalidOperationException("The page has not started.");

    protected ILogger Logger => _logger ??= LoggerFactory.CreateLogger(GetType());

    /// <summary>How often a running pipeline's progress moves on.</summary>
    protected abstract TimeSpan Heartbeat { get; }

    /// <summary>Whether a run shown is still going, so the heartbeat has progress to redraw.</summary>
    protected abstract bool AnyRunning { get; }

    /// <summary>Reads the list again (from memory) into the page's state.</summary>
    protected abstract Task ReloadAsync();

    public async ValueTask DisposeAsync()
    {
        _live?.Dispose();
        if (_heartbeat is not null)
        {
            await _heartbeat.DisposeAsync();
        }

        await _disposed.CancelAsync();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Loads the list and, once the page is live, follows the events of the instances <paramref name="shows"/> accepts.</summary>
    protected async Task StartAsync(Func<string, bool> shows)
    {
        ArgumentNullException.ThrowIfNull(shows);
        Now = _lastBeat = Time.GetUtcNow();
        var scope = AccessScope.From((await AuthenticationState).User);
        _loader = new PipelineLoader(ReadModel, InstanceStore, Baselines, scope);
        await ReloadAsync();

        // Prerendering only sends HTML; live updates and the heartbeat belong to the interactive page.
        if (RendererInfo.IsInteractive)
        {
            _live = Live.Subscribe(
                e => e.Type is not (FlowEventType.JobsChanged or FlowEventType.InstanceHealthChanged) && scope.Allows(e.InstanceId) && shows(e.InstanceId),
                OnEventsAsync);
            _heartbeat = Time.CreateTimer(_ => _ = InvokeAsync(Beat), null, Heartbeat, Heartbeat);
        }
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
            LogRefreshFailed(Logger, exception, events.Count);
        }
    }

    private void Beat()
    {
        Now = Time.GetUtcNow();
        if (AnyRunning || Now - _lastBeat >= TimeSpan.FromMinutes(1))
        {
            _lastBeat = Now;
            StateHasChanged();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the pipelines list after {Count} event(s)")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, int count);
}
