using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Errors;
using FlowForge.Core.Events;
using FlowForge.Core.Instances;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using FlowForge.Core.Sync;
using FlowForge.Web.Actions;
using FlowForge.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;

namespace FlowForge.Web.Components.Settings;

public sealed partial class InstancesSection : IDisposable
{
    /// <summary>Sync state and budgets live in memory: cheap to read this often, and "next poll in 4 s" stays true.</summary>
    internal static readonly TimeSpan StatusRefresh = TimeSpan.FromSeconds(5);

    /// <summary>Health and the list itself come from the store; instances added elsewhere (API, CLI) show up this often.</summary>
    private const int TicksPerReload = 6;

    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, TokenCheckResult> _tokenResults = new(StringComparer.Ordinal);
    private readonly HashSet<string> _syncing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _syncMessages = new(StringComparer.Ordinal);
    private InstanceAdmin? _admin;
    private List<InstanceView>? _views;
    private string? _loadError;
    private DateTimeOffset _now;
    private bool _adding;
    private string? _openId;
    private InstancePanel _panel;
    private IReadOnlyDictionary<string, string[]>? _errors;
    private string? _panelError;
    private bool _busy;
    private IReadOnlyList<WatchableSource>? _sources;
    private string? _sourcesError;
    private string? _status;
    private IDisposable? _subscription;
    private ElementReference _heading;
    private ElementReference _addButton;
    private bool _focusAdd;
    private bool _focusHeading;

    [Inject]
    private InstanceService Instances { get; set; } = default!;

    [Inject]
    private InstanceSynchronizer Synchronizer { get; set; } = default!;

    [Inject]
    private IInstanceRepository Repository { get; set; } = default!;

    [Inject]
    private ProviderRegistry Registry { get; set; } = default!;

    [Inject]
    private SyncStates SyncStates { get; set; } = default!;

    [Inject]
    private ProviderConnections Connections { get; set; } = default!;

    [Inject]
    private RateLimitBudgets Budgets { get; set; } = default!;

    [Inject]
    private ActionAudit Audit { get; set; } = default!;

    [Inject]
    private LiveEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<InstancesSection> Logger { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _admin = new InstanceAdmin(Instances, Synchronizer, Repository, Registry, SyncStates, Connections, Budgets, new AuditedCall(Audit, user));
        _now = Time.GetUtcNow();
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Live updates only once interactive: the prerendered copy of the page is thrown away.
        if (firstRender)
        {
            _subscription = Live.Subscribe(
                @event => @event.Type == FlowEventType.InstanceHealthChanged,
                events => InvokeAsync(() => ApplyHealth(events)));
            _ = RefreshPeriodicallyAsync();
        }

        // What had the focus went away with a closed form or a removed card; it goes somewhere that stays.
        if (_focusAdd)
        {
            _focusAdd = false;
            await _addButton.FocusAsync();
        }
        else if (_focusHeading)
        {
            _focusHeading = false;
            await _heading.FocusAsync();
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _stop.Cancel();
        _stop.Dispose();
    }

    private InstancePanel PanelOf(InstanceView view) => _openId == view.Id ? _panel : InstancePanel.None;

    private async Task LoadAsync()
    {
        try
        {
            _views = await _admin!.ListAsync(_stop.Token);
            _loadError = null;
            if (_openId is not null && _views.All(view => view.Id != _openId))
            {
                Close();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogLoadFailed(exception);
            _loadError = ActionProblem.MessageOf(exception);
        }
    }

    private void ApplyHealth(IReadOnlyList<FlowEvent> events)
    {
        if (_views is null)
        {
            return;
        }

        foreach (var @event in events.Where(@event => @event.Health is not null))
        {
            var index = _views.FindIndex(view => view.Id == @event.InstanceId);
            if (index >= 0)
            {
                _views[index] = _admin!.ViewOf(_views[index].Instance, @event.Health!);
            }
        }

        StateHasChanged();
    }

    private async Task RefreshPeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(StatusRefresh, Time);
        var ticks = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var reload = ++ticks % TicksPerReload == 0;
                await InvokeAsync(async () =>
                {
                    _now = Time.GetUtcNow();
                    if (reload && !_busy)
                    {
                        await LoadAsync();
                    }
                    else if (_views is not null)
                    {
                        _views = [.. _views.Select(_admin!.Refresh)];
                    }

                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
        catch (ObjectDisposedException)
        {
            // The page went away between two ticks.
        }
    }

    private void OpenAdd()
    {
        Close();
        _adding = true;
    }

    private async Task OpenAsync(InstanceView view, InstancePanel panel)
    {
        var closing = _openId == view.Id && _panel == panel;
        Close();
        if (closing)
        {
            return;
        }

        _openId = view.Id;
        _panel = panel;
        if (panel == InstancePanel.Watch)
        {
            await LoadSourcesAsync(view);
        }
    }

    private void CancelAdd()
    {
        Close();
        _focusAdd = true;
    }

    private void Close()
    {
        _adding = false;
        _openId = null;
        _panel = InstancePanel.None;
        _errors = null;
        _panelError = null;
        _sources = null;
        _sourcesError = null;
    }

    private async Task LoadSourcesAsync(InstanceView view)
    {
        try
        {
            var sources = await _admin!.ListSourcesAsync(view.Id, _stop.Token);
            if (_openId == view.Id && _panel == InstancePanel.Watch)
            {
                _sources = sources;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _sourcesError = Explain(exception);
        }
    }

    private Task AddAsync(InstanceFormValues values) => RunAsync(async () =>
    {
        var added = await _admin!.AddAsync(values);
        await LoadAsync();
        Close();

        // The next steps of setting up, in order and as far as the provider offers them: is the token right, then what to watch.
        var view = _views?.Find(candidate => candidate.Id == added.Id);
        _status = $"Added {added.DisplayName}.";
        if (view?.Can(ProviderCapabilities.CredentialValidation) == true)
        {
            _openId = added.Id;
            _panel = InstancePanel.Token;
            _status += view.Can(ProviderCapabilities.Discovery) ? " Next: check the token, then choose what to watch." : " Next: check the token.";
        }
        else if (view?.Can(ProviderCapabilities.Discovery) == true)
        {
            await OpenAsync(view, InstancePanel.Watch);
            _status += " Next: choose what to watch.";
        }
    });

    private Task UpdateAsync(InstanceView view, InstanceFormValues values) => RunAsync(async () =>
    {
        var updated = await _admin!.UpdateAsync(view, values);
        Replace(updated);
        Close();
        _status = $"Saved {updated.DisplayName}.";
        _tokenResults.Remove(view.Id);
    });

    private Task SaveWatchAsync(InstanceView view, WatchSelection watch) => RunAsync(async () =>
    {
        var updated = await _admin!.SaveWatchAsync(view, watch);
        Replace(updated);
        Close();
        _status = watch.All
            ? $"{updated.DisplayName} now watches everything its token can see, including new ones."
            : $"{updated.DisplayName} now watches {SettingsText.Plural(watch.Sources.Count, "source", "sources")}.";
    });

    private Task RemoveAsync(InstanceView view) => RunAsync(async () =>
    {
        await _admin!.RemoveAsync(view.Id);
        _views?.RemoveAll(candidate => candidate.Id == view.Id);
        _tokenResults.Remove(view.Id);
        _syncMessages.Remove(view.Id);
        Close();
        _status = $"Removed {view.Instance.DisplayName}.";
        _focusHeading = true;
    });

    private Task CheckTokenAsync(InstanceView view) => RunAsync(async () =>
    {
        _tokenResults.Remove(view.Id);
        _tokenResults[view.Id] = await _admin!.CheckTokenAsync(view.Id);
    });

    private async Task SyncAsync(InstanceView view)
    {
        if (!_syncing.Add(view.Id))
        {
            return;
        }

        _syncMessages[view.Id] = "Syncing…";
        try
        {
            var report = await _admin!.SyncAsync(view.Id);
            _syncMessages[view.Id] = report.Succeeded
                ? $"Synced: {SettingsText.Plural(report.PipelinesAdded, "pipeline", "pipelines")} added, {SettingsText.Plural(report.RunsChanged, "run", "runs")} changed."
                : $"The sync failed: {report.Error}";
            await ReloadHealthAsync(view.Id);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _syncMessages[view.Id] = $"Could not sync: {Explain(exception)}";
        }
        finally
        {
            _syncing.Remove(view.Id);
        }
    }

    /// <summary>Runs one change: busy meanwhile; invalid values land on their fields, any other failure in the open panel.</summary>
    private async Task RunAsync(Func<Task> change)
    {
        _busy = true;
        _errors = null;
        _panelError = null;
        _status = null;
        try
        {
            await change();
        }
        catch (ValidationFailedException invalid)
        {
            _errors = invalid.Errors;
        }
        catch (ConflictException conflict) when (_adding)
        {
            // The one conflict adding can meet is a taken id: say so where the id is typed.
            _errors = new Dictionary<string, string[]> { ["id"] = [conflict.Message] };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _panelError = Explain(exception);
        }
        finally
        {
            _busy = false;
        }
    }

    private string Explain(Exception exception)
    {
        if (ActionProblem.IsUnexpected(exception))
        {
            LogActionFailed(exception);
        }

        return ActionProblem.MessageOf(exception);
    }

    private void Replace(ProviderInstance instance)
    {
        var index = _views?.FindIndex(view => view.Id == instance.Id) ?? -1;
        if (index >= 0)
        {
            _views![index] = _admin!.ViewOf(instance, _views[index].Health);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the instances for the settings page")]
    private partial void LogLoadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A settings action on an instance failed unexpectedly")]
    private partial void LogActionFailed(Exception exception);

    private async Task ReloadHealthAsync(string id)
    {
        var index = _views?.FindIndex(view => view.Id == id) ?? -1;
        if (index >= 0)
        {
            _views![index] = await _admin!.ReloadHealthAsync(_views[index], _stop.Token);
        }
    }
}
