namespace FlowForge.Emulators.GitHub;

/// <summary>A user or organization known to the emulator (token owners, actors, repository owners).</summary>
public sealed record EmulatedAccount(long Id, string Login, bool IsOrganization, DateTimeOffset CreatedAt)
{
    /// <summary>GitHub's <c>type</c> value.</summary>
    public string Type => IsOrganization ? "Organization" : "User";
}
