using System.Globalization;
using System.Security.Claims;
using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Core.Errors;
using FlowForge.Core.Persistence;
using FlowForge.Web.Actions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;

namespace FlowForge.Web.Components.Settings;

public sealed partial class ApiKeysSection
{
    private ClaimsPrincipal _user = new();
    private AuditedCall? _audited;
    private IReadOnlyList<ApiKey>? _keys;
    private IReadOnlyList<string> _instances = [];
    private string? _loadError;
    private DateTimeOffset _now;
    private bool _authenticationOff;
    private bool _creating;
    private bool _busy;
    private IReadOnlyDictionary<string, string[]>? _errors;
    private string? _error;
    private string? _status;
    private CreatedApiKey? _created;
    private ApiKey? _revoking;
    private ElementReference _heading;
    private ElementReference _newKey;
    private bool _focusNewKey;
    private bool _focusHeading;

    [Inject]
    private ApiKeyService Keys { get; set; } = default!;

    [Inject]
    private IInstanceRepository Instances { get; set; } = default!;

    [Inject]
    private ActionAudit Audit { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<ApiKeysSection> Logger { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _user = (await AuthenticationState).User;
        _audited = new AuditedCall(Audit, _user);

        // Only the local admin of an install without authentication acts without a key.
        _authenticationOff = _user.KeyIdOf() is null;
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // What had the focus went away with a closed panel; it goes somewhere that stays.
        if (_focusNewKey)
        {
            _focusNewKey = false;
            await _newKey.FocusAsync();
        }
        else if (_focusHeading)
        {
            _focusHeading = false;
            await _heading.FocusAsync();
        }
    }

    private async Task LoadAsync()
    {
        _now = Time.GetUtcNow();
        try
        {
            _keys = await Keys.ListAsync(CancellationToken.None);
            _instances = [.. (await Instances.ListAsync(CancellationToken.None)).Select(instance => instance.Id)];
            _loadError = null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _loadError = ActionProblem.MessageOf(exception);
        }
    }

    private void ToggleCreate()
    {
        _creating = !_creating;
        _focusNewKey = !_creating;
        _errors = null;
        _error = null;
    }

    private async Task CreateAsync(ApiKeyDraft draft)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = draft.Name ?? string.Empty,
            ["role"] = draft.Role ?? string.Empty,
            ["expiresInDays"] = (draft.ExpiresInDays ?? ApiKeyService.DefaultLifetimeDays).ToString(CultureInfo.InvariantCulture),
            ["instances"] = string.Join(',', draft.Instances ?? []),
        };
        await ChangeAsync(AuditActions.KeyCreate, async audited =>
        {
            _created = null;
            var created = await audited.RunAsync(
                AuditActions.KeyCreate,
                null,
                201,
                new AuditNote(parameters),
                () => Keys.CreateAsync(draft, _user.ActorLabel(), CancellationToken.None),
                result => new AuditNote(new Dictionary<string, string>(parameters) { ["keyId"] = result.Key.Id }));
            _created = created;
            _creating = false;
            _status = $"Created the key “{created.Key.Name}”.";
        });
    }

    private void DismissCreated()
    {
        // The full key exists only in this answer; once dismissed, nothing here can show it again.
        _created = null;
        _status = "The new key is no longer shown.";
        _focusNewKey = true;
    }

    private void AskRevoke(ApiKey key)
    {
        _revoking = key;
        _error = null;
    }

    private void CancelRevoke()
    {
        _revoking = null;
        _error = null;
        _focusHeading = true;
    }

    private Task RevokeAsync(ApiKey key) => ChangeAsync(AuditActions.KeyRevoke, async audited =>
    {
        var revoked = await audited.RunAsync(
            AuditActions.KeyRevoke,
            null,
            204,
            new AuditNote(new Dictionary<string, string> { ["keyId"] = key.Id }),
            () => Keys.RevokeAsync(key.Id, _user.ActorLabel(), CancellationToken.None),
            result => new AuditNote(new Dictionary<string, string> { ["keyId"] = key.Id, ["name"] = result.Name }));
        _revoking = null;
        _status = $"Revoked the key “{revoked.Name}”.";
        _focusHeading = true;
    });

    /// <summary>
    /// Runs a key change after checking again that the caller may manage keys: the section is shown only to them, and the
    /// check keeps it so whatever reaches this method.
    /// </summary>
    private async Task ChangeAsync(string action, Func<AuditedCall, Task> change)
    {
        _busy = true;
        _errors = null;
        _error = null;
        _status = null;
        try
        {
            if (!(await Authorization.AuthorizeAsync(_user, null, AccessPolicies.GlobalAdmin)).Succeeded)
            {
                await _audited!.RefuseAsync(
                    action, null, 403, "Refused: This needs an admin key that is not limited to instances.", "This needs an admin key that is not limited to instances.");
            }

            await change(_audited!);
            await LoadAsync();
        }
        catch (ValidationFailedException invalid)
        {
            _errors = invalid.Errors;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (ActionProblem.IsUnexpected(exception))
            {
                LogActionFailed(exception, action);
            }

            _error = ActionProblem.MessageOf(exception);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The key this browser or client is signed in with: revoking it ends this session too.</summary>
    private bool IsOwn(ApiKey key) => key.Id == _user.KeyIdOf();

    [LoggerMessage(Level = LogLevel.Error, Message = "Dashboard action {Action} failed unexpectedly")]
    private partial void LogActionFailed(Exception exception, string action);
}
