namespace FlowForge.Secrets.Vault;

/// <summary>
/// The cost of turning a password into a key with Argon2id, stored in every vault's header so that a later FlowForge
/// can raise the defaults and still open old vaults.
/// </summary>
/// <param name="MemoryKiB">Memory per derivation, in KiB.</param>
public sealed record Argon2Parameters(int MemoryKiB, int Iterations, int Parallelism)
{
    /// <summary>RFC 9106's second recommended setting (64 MiB, 3 passes, 4 lanes): about a second here, once per start.</summary>
    public static Argon2Parameters Default { get; } = new(64 * 1024, 3, 4);

    // The bounds a header may ask for: enough to refuse a tampered header that would make FlowForge allocate gigabytes
    // or spin for minutes before the key check can fail.
    internal const int MinMemoryKiB = 8 * 1024;
    internal const int MaxMemoryKiB = 1024 * 1024;
    internal const int MaxIterations = 64;
    internal const int MaxParallelism = 64;

    public bool IsWithinBounds =>
        MemoryKiB is >= MinMemoryKiB and <= MaxMemoryKiB
        && Iterations is >= 1 and <= MaxIterations
        && Parallelism is >= 1 and <= MaxParallelism
        && MemoryKiB >= 8 * Parallelism;
}
