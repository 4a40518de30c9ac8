using System.Globalization;
using FlowForge.Abstractions.Providers;
using Microsoft.AspNetCore.Components;

namespace FlowForge.Web.Components.Settings;

public sealed partial class InstanceCard
{
    private ElementReference _edit;
    private ElementReference _token;
    private ElementReference _watch;
    private ElementReference _remove;
    private InstancePanel _shown;
    private InstancePanel _returnFocusTo;

    [Parameter, EditorRequired]
    public InstanceView View { get; set; } = default!;

    [Parameter, EditorRequired]
    public DateTimeOffset Now { get; set; }

    [Parameter]
    public InstancePanel Open { get; set; }

    [Parameter]
    public bool SyncBusy { get; set; }

    /// <summary>What the last "sync now" did.</summary>
    [Parameter]
    public string? SyncMessage { get; set; }

    [Parameter]
    public EventCallback<InstancePanel> OnOpen { get; set; }

    [Parameter]
    public EventCallback OnSync { get; set; }

    /// <summary>The open panel.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    private string Prefix => $"instance-{View.Id}-card";

    private string PanelId => $"instance-{View.Id}-panel";

    private bool BackingOff => View.Sync.ConsecutiveFailures > 0 && View.Sync.NextAttemptAt > Now;

    // A poll waits for the back-off too: show the later of the two.
    private DateTimeOffset? NextPoll => View.Sync.NextAttemptAt > View.Sync.NextPollAt ? View.Sync.NextAttemptAt : View.Sync.NextPollAt;

    private string Interval => SettingsText.Interval(View.Instance.RefreshInterval);

    protected override void OnParametersSet()
    {
        // A panel that closes (saved, cancelled) takes the focus with it; it goes back to the button that opened it.
        if (_shown != InstancePanel.None && Open == InstancePanel.None)
        {
            _returnFocusTo = _shown;
        }

        _shown = Open;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var target = _returnFocusTo switch
        {
            InstancePanel.Edit => _edit,
            InstancePanel.Token => _token,
            InstancePanel.Watch => _watch,
            InstancePanel.Remove => _remove,
            _ => default,
        };
        _returnFocusTo = InstancePanel.None;
        if (target.Context is not null)
        {
            await target.FocusAsync();
        }
    }

    private static bool Low(RateLimitSnapshot budget) => budget.Limit > 0 && budget.Remaining * 5 < budget.Limit;

    private static string Percent(RateLimitSnapshot budget) =>
        (budget.Limit <= 0 ? 0 : Math.Clamp(budget.Remaining * 100.0 / budget.Limit, 0, 100)).ToString("0.#", CultureInfo.InvariantCulture);
}
