using System.Net.Http.Headers;
using System.Text;

namespace FlowForge.Emulators.Infrastructure.Http;

/// <summary>Reading an <c>Authorization</c> header; which schemes count, and what a credential means, is the provider's.</summary>
internal static class AuthorizationHeader
{
    /// <summary>The parameter of a header in one of <paramref name="schemes"/> (compared ignoring case), or null.</summary>
    public static string? Token(string authorization, params ReadOnlySpan<string> schemes)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || string.IsNullOrEmpty(header.Parameter))
        {
            return null;
        }

        foreach (var scheme in schemes)
        {
            if (header.Scheme.Equals(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return header.Parameter;
            }
        }

        return null;
    }

    /// <summary>User and password of a Basic header (the user may be empty); null for none, another scheme, or bad base64.</summary>
    public static (string User, string Password)? Basic(string authorization)
    {
        if (Token(authorization, "Basic") is not { } encoded)
        {
            return null;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (pair[..colon], pair[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
