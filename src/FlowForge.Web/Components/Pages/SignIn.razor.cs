using FlowForge.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowForge.Web.Components.Pages;

/// <summary>
/// Trades an API key for a browser session when the server requires keys. The key is checked exactly as the API checks
/// a bearer key; the session carries the same claims (role, instances, key id, name), so every policy and the audit
/// log treat the browser like the key. Signing in is not an action and is not audited; refusals are logged without the key.
/// </summary>
public sealed partial class SignIn
{
    /// <summary>The cookie scheme the browser session lives in; the server registers it only when API keys are required.</summary>
    public const string SessionScheme = "FlowForge.Session";

    private const string FormName = "signin";

    private bool _enabled;
    private bool _refused;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = FormName)]
    private SignInInput? Input { get; set; }

    [SupplyParameterFromQuery(Name = "returnUrl")]
    private string? ReturnUrl { get; set; }

    [Inject]
    private ApiKeyService Keys { get; set; } = default!;

    [Inject]
    private IAuthenticationSchemeProvider Schemes { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<SignIn> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new SignInInput();
        _enabled = await Schemes.GetSchemeAsync(SessionScheme) is not null;
        if (!_enabled)
        {
            // Without keys everyone is the local admin: there is nothing to sign in to.
            Navigation.NavigateTo(LocalReturnUrl(ReturnUrl), forceLoad: true);
        }
    }

    private async Task SignInAsync()
    {
        var check = await Keys.AuthenticateAsync(Input?.Key?.Trim(), HttpContext.RequestAborted);
        if (check.Key is null)
        {
            SignInLog.Refused(Logger, check.Failure ?? ApiKeyFailure.Malformed, check.KeyId ?? "-");
            _refused = true;
            Input = new SignInInput();
            return;
        }

        await HttpContext.SignInAsync(SessionScheme, AccessClaims.ForKey(check.Key, SessionScheme), new AuthenticationProperties { IsPersistent = true });
        Navigation.NavigateTo(LocalReturnUrl(ReturnUrl), forceLoad: true);
    }

    /// <summary>Only a path on this site: anything else (another host, <c>//evil</c>, <c>/\evil</c>) goes home.</summary>
    internal static string LocalReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Any(char.IsControl)
            ? url
            : "/";

    internal sealed class SignInInput
    {
        public string? Key { get; set; }
    }
}

internal static partial class SignInLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a dashboard sign-in ({Failure}, key id {KeyId})")]
    public static partial void Refused(ILogger logger, ApiKeyFailure failure, string keyId);
}
