using FlowForge.Web.Components.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;

namespace FlowForge.Server.Access;

/// <summary>
/// The browser's session when API keys are required: the sign-in page trades a key for a cookie carrying the key's
/// claims. Requests with an <c>Authorization</c> header use the key as before; everything else uses the cookie, except
/// changes through the API, which always need the header (a cookie is sent by the browser on its own; a header is not).
/// Only browsers asking for a page are sent to the sign-in page; every other caller keeps getting a 401 problem.
/// </summary>
internal static class BrowserSessions
{
    public const string CookieScheme = SignIn.SessionScheme;
    public const string CookieName = "flowforge_session";

    /// <summary>The default scheme: picks the key or the cookie for each request.</summary>
    public const string SelectorScheme = "FlowForge.Select";

    /// <summary>The challenge scheme: a redirect to the sign-in page for a browser asking for a page, else the key's 401.</summary>
    public const string ChallengeScheme = "FlowForge.Challenge";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static AuthenticationBuilder AddBrowserSessions(this AuthenticationBuilder authentication)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        var services = authentication.Services;
        services.AddSingleton<KeySessions>();
        services.AddSingleton<SessionCookieEvents>();

        // A live dashboard connection outlives its cookie's checks, so the connection re-checks the key as well.
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();

        authentication.AddCookie(CookieScheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = Lifetime;
            options.SlidingExpiration = true;
            options.LoginPath = "/signin";
            options.LogoutPath = "/signout";
            options.AccessDeniedPath = "/forbidden";
            options.ReturnUrlParameter = "returnUrl";
            options.EventsType = typeof(SessionCookieEvents);
        });
        authentication.AddPolicyScheme(SelectorScheme, null, options =>
            options.ForwardDefaultSelector = context => UsesKey(context.Request) ? ApiKeyAuthenticationHandler.SchemeName : CookieScheme);
        authentication.AddPolicyScheme(ChallengeScheme, null, options =>
            options.ForwardDefaultSelector = context => IsPageRequest(context.Request) ? CookieScheme : ApiKeyAuthenticationHandler.SchemeName);
        return authentication;
    }

    private static bool UsesKey(HttpRequest request) =>
        request.Headers.Authorization.Count > 0
        || (IsApi(request) && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method));

    /// <summary>A browser navigating to a page: it can follow a redirect to a form, where an API client could not.</summary>
    private static bool IsPageRequest(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Headers.Authorization.Count == 0
        && !IsApi(request)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);
}
