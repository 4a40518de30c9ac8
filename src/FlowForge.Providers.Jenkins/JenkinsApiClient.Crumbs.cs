using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Jenkins.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.Jenkins;

/// <summary>
/// CSRF crumbs. Jenkins exempts requests authenticated by an API token, so FlowForge asks for a crumb only when a POST is
/// refused for want of one (a controller configured otherwise, or a password in place of a token). A crumb belongs to the
/// web session it was issued in, so the session cookie that came with it travels with it; both stay in memory and never
/// appear in a message.
/// </summary>
internal sealed partial class JenkinsApiClient
{
    private readonly Lock _crumbGate = new();
    private Crumb? _crumb;

    private void AddCrumb(HttpRequestMessage request)
    {
        Crumb? crumb;
        lock (_crumbGate)
        {
            crumb = _crumb;
        }

        if (crumb is null)
        {
            return;
        }

        request.Headers.TryAddWithoutValidation(crumb.Field, crumb.Value);
        if (crumb.Cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", crumb.Cookie);
        }
    }

    /// <summary><c>GET /crumbIssuer/api/json</c>; false when Jenkins has no crumb to give (its issuer is off or refuses).</summary>
    private async Task<bool> RenewCrumbAsync(CancellationToken cancellationToken)
    {
        try
        {
            var crumb = await ExchangeAsync(
                new JenkinsCall(HttpMethod.Get, Url("crumbIssuer/api/json"), Cached: false),
                async (response, _, display) =>
                {
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    var dto = System.Text.Json.JsonSerializer.Deserialize(body, JenkinsJsonContext.Default.CrumbDto)
                        ?? throw new ProviderException(ProviderErrorKind.BadResponse, $"Jenkins answered {display} with JSON null.");
                    var cookies = response.Headers.TryGetValues("Set-Cookie", out var values)
                        ? string.Join("; ", values.Select(value => value.Split(';', 2)[0].Trim()).Where(value => value.Length > 0))
                        : null;
                    return new Crumb(dto.CrumbRequestField, dto.Crumb, string.IsNullOrEmpty(cookies) ? null : cookies);
                },
                cancellationToken);
            lock (_crumbGate)
            {
                _crumb = crumb;
            }

            LogCrumbIssued(Logger);
            return true;
        }
        catch (ProviderException exception)
        {
            LogCrumbUnavailable(Logger, exception.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Jenkins refused a POST for want of a CSRF crumb; FlowForge got one and sends it from now on.")]
    private static partial void LogCrumbIssued(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jenkins wants a CSRF crumb, but its crumb issuer gave none: {Reason}")]
    private static partial void LogCrumbUnavailable(ILogger logger, string reason);

    /// <param name="Field">The header to send it in (<c>crumbRequestField</c>, usually <c>Jenkins-Crumb</c>).</param>
    /// <param name="Cookie">The session it belongs to, as a <c>Cookie</c> header value.</param>
    private sealed record Crumb(string Field, string Value, string? Cookie);
}
