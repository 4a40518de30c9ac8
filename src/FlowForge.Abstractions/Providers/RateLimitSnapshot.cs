namespace FlowForge.Abstractions.Providers;

/// <summary>A provider's rate-limit budget as its last response reported it.</summary>
/// <param name="Resource">The budget's name where the provider has several (GitHub: <c>core</c>, <c>search</c>).</param>
public sealed record RateLimitSnapshot(
    int Limit,
    int Remaining,
    DateTimeOffset? ResetsAt,
    string? Resource,
    DateTimeOffset ObservedAt);

/// <summary>Receives the budget a provider connection observes, so the host can show and respect it.</summary>
public interface IRateLimitObserver
{
    void Observe(RateLimitSnapshot snapshot);
}
