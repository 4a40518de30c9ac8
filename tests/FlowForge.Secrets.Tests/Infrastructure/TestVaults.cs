using FlowForge.Abstractions.Secrets;
using FlowForge.Secrets.Vault;

namespace FlowForge.Secrets.Tests.Infrastructure;

/// <summary>Vaults in temporary folders, with a cheap Argon2id cost so that tests which derive hundreds of keys stay fast.</summary>
internal static class TestVaults
{
    public const string Password = "vault-password-not-real";

    public static Argon2Parameters Cheap { get; } = new(Argon2Parameters.MinMemoryKiB, 1, 1);

    public static string NewPath()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ff-vault-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, VaultSecretStore.FileName);
    }

    public static VaultSecretStore Open(string path, string? password = Password) =>
        new(path, () => password is null ? null : (new SecretValue(password), "the test"), Cheap);
}
