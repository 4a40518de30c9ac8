namespace FlowForge.Server.Access;

public enum AuthMode
{
    /// <summary>No login: only loopback binds are allowed, and every request acts as the local admin.</summary>
    None,

    /// <summary>Every endpoint but <c>/health</c> and webhooks needs <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    ApiKeys,
}

public sealed class AuthOptions
{
    public const string Section = "FlowForge:Auth";
    public const string ModeKey = Section + ":Mode";

    public AuthMode Mode { get; set; } = AuthMode.None;

    /// <summary>The mode as configured, read before the host is built (the listen check needs it).</summary>
    /// <exception cref="InvalidOperationException">The setting names no mode.</exception>
    public static AuthMode ModeOf(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[ModeKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return AuthMode.None;
        }

        return Enum.TryParse<AuthMode>(text.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !char.IsAsciiDigit(text.Trim()[0])
            ? mode
            : throw new InvalidOperationException($"FlowForge__Auth__Mode is '{text}'; it must be None or ApiKeys.");
    }
}
