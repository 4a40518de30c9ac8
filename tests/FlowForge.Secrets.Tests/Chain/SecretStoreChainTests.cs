using System.Runtime.Versioning;
using FlowForge.Abstractions.Secrets;
using FlowForge.Core.Secrets;
using FlowForge.Secrets.Keyring;
using FlowForge.Secrets.Keyring.SecretService;
using FlowForge.Secrets.Tests.Infrastructure;
using FlowForge.Secrets.Vault;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace FlowForge.Secrets.Tests.Chain;

/// <summary>Which store new secrets go to: <c>auto</c> against a real keyring, a bus without one, and no bus at all.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class SecretStoreChainTests(KeyringFixture fixture) : IClassFixture<KeyringFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Auto_picks_the_keyring_when_a_Secret_Service_answers_and_says_so()
    {
        var (resolver, logs, stores) = Resolver(fixture.Keyring.CreateBackend(), vaultPassword: TestVaults.Password);
        await using var _ = stores;

        Assert.Equal("keyring", await resolver.InitializeAsync(Cancel));
        var reference = await resolver.StoreAsync("acme/1", "token", "auto-keyring-not-real", Cancel);

        Assert.Equal("keyring", reference.Scheme);
        Assert.NotNull(await fixture.Keyring.LookupAsync(reference.Key));
        var line = Assert.Single(logs.GetSnapshot(), record => record.Message.StartsWith("Secrets: new secrets go to", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("'keyring' store: chosen automatically: a Secret Service answers", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_picks_the_vault_when_no_Secret_Service_answers_and_a_password_is_set()
    {
        await using var bus = await PrivateKeyring.StartAsync(withKeyring: false);
        var (resolver, logs, stores) = Resolver(bus.CreateBackend(), vaultPassword: TestVaults.Password);
        await using var _ = stores;

        Assert.Equal("vault", await resolver.InitializeAsync(Cancel));
        var reference = await resolver.StoreAsync("acme/1", "token", "auto-vault-not-real", Cancel);

        Assert.Equal("vault", reference.Scheme);
        Assert.True(File.Exists(stores.Vault.Path));
        var message = Assert.Single(logs.GetSnapshot(), record => record.Message.StartsWith("Secrets:", StringComparison.Ordinal)).Message;
        Assert.Contains("the encrypted vault", message, StringComparison.Ordinal);
        Assert.Contains("passed over: keyring: no Secret Service answers", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_refuses_to_start_without_keyring_and_vault_password_and_says_how_to_fix_it()
    {
        var (resolver, _, stores) = Resolver(new SecretServiceKeyring(address: null), vaultPassword: null);
        await using var _ = stores;

        var refused = await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => resolver.InitializeAsync(Cancel));
        await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => resolver.StoreAsync("acme/1", "token", "nowhere-not-real", Cancel));

        Assert.Contains("No secret store is available", refused.Message, StringComparison.Ordinal);
        Assert.Contains("DBUS_SESSION_BUS_ADDRESS is not set", refused.Message, StringComparison.Ordinal);
        Assert.Contains("gnome-keyring-daemon", refused.Message, StringComparison.Ordinal);
        Assert.Contains("FLOWFORGE_VAULT_PASSWORD", refused.Message, StringComparison.Ordinal);
        Assert.Contains("never keeps a secret in plaintext", refused.Message, StringComparison.Ordinal);
        Assert.Null(await stores.Memory.ReadAsync("instances/acme/1/token", Cancel));
        Assert.False(File.Exists(stores.Vault.Path));
    }

    [Fact]
    public async Task A_configured_store_that_is_not_there_refuses_start_up_instead_of_falling_back()
    {
        var (resolver, _, stores) = Resolver(new SecretServiceKeyring(address: null), vaultPassword: TestVaults.Password, configured: "keyring");
        await using var _ = stores;

        var refused = await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => resolver.InitializeAsync(Cancel));

        Assert.Contains("The configured secret store 'keyring' is not available", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_is_used_only_when_configured_by_name()
    {
        var (resolver, logs, stores) = Resolver(new SecretServiceKeyring(address: null), vaultPassword: null, configured: "memory");
        await using var _ = stores;

        Assert.Equal("memory", await resolver.InitializeAsync(Cancel));
        Assert.Contains(logs.GetSnapshot(), record => record.Message.Contains("as configured (FlowForge:Secrets:DefaultStore=memory)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_vault_password_stops_start_up_even_when_the_keyring_is_the_default()
    {
        var path = TestVaults.NewPath();
        using (var vault = TestVaults.Open(path))
        {
            await vault.WriteAsync("instances/acme/1/token", new SecretValue("in-vault-not-real"), Cancel);
        }

        var before = await File.ReadAllBytesAsync(path, Cancel);
        var (resolver, _, stores) = Resolver(fixture.Keyring.CreateBackend(), vaultPassword: "wrong-password-not-real", vaultPath: path);
        await using var _ = stores;

        var refused = await Assert.ThrowsAsync<VaultPasswordException>(() => resolver.InitializeAsync(Cancel));

        Assert.Contains("does not open the vault", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, Cancel));
    }

    [Fact]
    public async Task A_reference_to_an_unavailable_store_reads_as_missing_with_the_reason_not_a_crash()
    {
        var (resolver, _, stores) = Resolver(new SecretServiceKeyring(address: null), vaultPassword: null, configured: "memory");
        await using var _ = stores;
        var reference = new SecretReference("keyring", "instances/acme/1/token");

        Assert.Null(await resolver.ResolveAsync(reference, Cancel));
        var described = resolver.DescribeMissing(reference);

        Assert.Contains("the 'keyring' secret store is not available here", described, StringComparison.Ordinal);
        Assert.Contains("DBUS_SESSION_BUS_ADDRESS is not set", described, StringComparison.Ordinal);
        Assert.EndsWith("set it again", described, StringComparison.Ordinal);
    }

    private static (SecretResolver Resolver, FakeLogCollector Logs, Stores Stores) Resolver(
        IKeyringBackend keyring, string? vaultPassword, string configured = "auto", string? vaultPath = null)
    {
        var stores = new Stores(new KeyringSecretStore(keyring), TestVaults.Open(vaultPath ?? TestVaults.NewPath(), vaultPassword), new InMemorySecretStore());
        var logger = new FakeLogger<SecretResolver>();
        var resolver = new SecretResolver(
            [stores.Keyring, stores.Vault, stores.Memory, new EnvironmentSecretStore()],
            Options.Create(new SecretsOptions { DefaultStore = configured }),
            logger);
        return (resolver, logger.Collector, stores);
    }

    private sealed record Stores(KeyringSecretStore Keyring, VaultSecretStore Vault, InMemorySecretStore Memory) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Keyring.DisposeAsync();
            Vault.Dispose();
        }
    }
}
