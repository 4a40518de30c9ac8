using FlowForge.Abstractions.Domain;
using FlowForge.Core.Errors;
using FlowForge.Core.Instances;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using FlowForge.Core.Secrets;
using FlowForge.Web.Actions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;

namespace FlowForge.Web.Components.Settings;

public sealed partial class SecretsPanel
{
    private SecretsAdmin? _admin;
    private ProviderInstance? _changed;
    private string? _editing;
    private string? _deleting;
    private string? _value;
    private bool _busy;
    private string? _error;
    private string? _status;

    [Parameter, EditorRequired]
    public InstanceView View { get; set; } = default!;

    [Parameter, EditorRequired]
    public DateTimeOffset Now { get; set; }

    [Inject]
    private InstanceService Instances { get; set; } = default!;

    [Inject]
    private IInstanceRepository Repository { get; set; } = default!;

    [Inject]
    private ProviderRegistry Registry { get; set; } = default!;

    [Inject]
    private ActionAudit Audit { get; set; } = default!;

    [Inject]
    private ILogger<SecretsPanel> Logger { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string Prefix => $"secrets-{View.Id}";

    /// <summary>The instance after this panel's own last change, until the page's copy catches up with it.</summary>
    private ProviderInstance Instance => _changed is { } changed && changed.UpdatedAt > View.Instance.UpdatedAt ? changed : View.Instance;

    private IReadOnlyList<InstanceSecretStatus> Statuses => InstanceSecrets.StatusesOf(Instance, View.Descriptor!);

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _admin = new SecretsAdmin(new InstanceSecrets(Repository, Registry, Instances), Repository, new AuditedCall(Audit, user));
    }

    private string Id(InstanceSecretStatus secret) => $"{Prefix}-{secret.Field}";

    private static string StateOf(InstanceSecretStatus secret) => secret switch
    {
        { IsSet: false } => "Not set",
        { Environment: { } variable } => $"Set: read from the environment variable {variable}",
        { Store: "memory" } => "Set, in memory only (forgotten when FlowForge restarts)",
        { Store: "keyring" } => "Set, in the system keyring",
        { Store: "vault" } => "Set, in the encrypted vault",
        _ => $"Set, in the '{secret.Store}' secret store",
    };

    private void OpenEdit(string field)
    {
        var closing = _editing == field;
        Close();
        _editing = closing ? null : field;
    }

    private void OpenDelete(string field)
    {
        var closing = _deleting == field;
        Close();
        _deleting = closing ? null : field;
    }

    private void Close()
    {
        _editing = null;
        _deleting = null;
        _value = null;
        _error = null;
    }

    private Task SaveAsync(InstanceSecretStatus secret) => RunAsync(async () =>
    {
        _changed = await _admin!.SetAsync(View.Id, secret.Field, _value);
        Close();
        _status = secret.IsSet ? $"Rotated the {secret.Label}." : $"Set the {secret.Label}.";
    });

    private Task DeleteAsync(InstanceSecretStatus secret) => RunAsync(async () =>
    {
        _changed = await _admin!.DeleteAsync(View.Id, secret.Field);
        Close();
        _status = $"Deleted the {secret.Label}.";
    });

    /// <summary>Runs one change: busy meanwhile; a failure is said in the API's words (a 503 store says why), the typed value kept.</summary>
    private async Task RunAsync(Func<Task> change)
    {
        _busy = true;
        _error = null;
        _status = null;
        try
        {
            await change();
        }
        catch (ValidationFailedException invalid)
        {
            _error = string.Join(" ", invalid.Errors.SelectMany(pair => pair.Value));
        }
        catch (SecretStoreUnavailableException unavailable)
        {
            // Expected, unlike other 5xx: the reason (a locked keyring, say) is what the admin acts on.
            var error = ErrorStatus.Describe(unavailable);
            _error = $"{error.Title} {error.Detail}";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (ActionProblem.IsUnexpected(exception))
            {
                LogActionFailed(exception);
            }

            _error = ActionProblem.MessageOf(exception);
        }
        finally
        {
            _busy = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A secret change on the settings page failed unexpectedly")]
    private partial void LogActionFailed(Exception exception);
}
