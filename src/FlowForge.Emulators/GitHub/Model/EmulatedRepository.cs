namespace FlowForge.Emulators.GitHub;

/// <summary>A read-only snapshot of a repository.</summary>
/// <param name="ParentId">The repository this one is a fork of, or null.</param>
public sealed record EmulatedRepository(
    long Id,
    string Owner,
    string Name,
    string DefaultBranch,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset PushedAt,
    long? ParentId = null)
{
    public string FullName => $"{Owner}/{Name}";

    public bool IsFork => ParentId is not null;
}
