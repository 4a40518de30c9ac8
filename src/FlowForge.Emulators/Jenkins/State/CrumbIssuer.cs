using System.Security.Cryptography;

namespace FlowForge.Emulators.Jenkins.State;

/// <summary>
/// <c>hudson.security.csrf.DefaultCrumbIssuer</c>: a crumb belongs to the web session it was issued in (since Jenkins
/// 2.176.2), so the issuer hands out a session cookie with it and a POST is accepted only with both.
/// </summary>
internal sealed class CrumbIssuer
{
    public const string Field = "Jenkins-Crumb";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _crumbs = new(StringComparer.Ordinal);

    /// <summary>The cookie carrying the session (Jetty names it after the instance).</summary>
    public string CookieName { get; } = $"JSESSIONID.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>The crumb of the given session, or of a new one when there is none.</summary>
    public (string Session, string Crumb) Issue(string? session)
    {
        lock (_gate)
        {
            if (session is not null && _crumbs.TryGetValue(session, out var existing))
            {
                return (session, existing);
            }

            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var crumb = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            _crumbs[id] = crumb;
            return (id, crumb);
        }
    }

    public bool IsValid(string? session, string? crumb)
    {
        lock (_gate)
        {
            return session is not null && crumb is not null && _crumbs.TryGetValue(session, out var expected)
                && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(crumb));
        }
    }
}
