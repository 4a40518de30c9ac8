using System.Runtime.Versioning;
using FlowForge.Abstractions.Secrets;
using FlowForge.Core.Secrets;
using FlowForge.Secrets.Keyring;
using FlowForge.Secrets.Keyring.SecretService;
using FlowForge.Secrets.Tests.Infrastructure;

namespace FlowForge.Secrets.Tests.Keyring;

/// <summary>What FlowForge does with a locked keyring and with no keyring at all.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class LockedKeyringTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_locked_collection_goes_through_the_prompt_and_a_prompt_nobody_can_answer_is_a_clear_error()
    {
        await using var keyring = await PrivateKeyring.StartAsync();
        var key = SecretKeys.ForInstance("acme/1", "token");
        await using var store = new KeyringSecretStore(keyring.CreateBackend(promptTimeout: TimeSpan.FromSeconds(5)));
        await store.WriteAsync(key, new SecretValue("locked-away-not-real"), Cancel);
        await ((SecretServiceKeyring)store.Backend).LockDefaultCollectionAsync(Cancel);

        var refused = await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => store.ReadAsync(key, Cancel));

        TestContext.Current.SendDiagnosticMessage(refused.Message);
        Assert.Contains("locked", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bus_without_a_Secret_Service_makes_the_keyring_unavailable_not_broken()
    {
        await using var bus = await PrivateKeyring.StartAsync(withKeyring: false);
        await using var store = new KeyringSecretStore(bus.CreateBackend());

        var status = await store.CheckAsync(Cancel);
        var refused = await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => store.ReadAsync("instances/acme/1/token", Cancel));

        Assert.False(status.IsAvailable);
        Assert.Contains("no Secret Service", status.Description, StringComparison.Ordinal);
        Assert.Contains("no Secret Service", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("unix:path=/nonexistent/flowforge-bus")]
    public async Task No_session_bus_makes_the_keyring_unavailable(string? address)
    {
        await using var store = new KeyringSecretStore(new SecretServiceKeyring(address));

        var status = await store.CheckAsync(Cancel);

        Assert.False(status.IsAvailable);
        Assert.Contains(address is null ? "DBUS_SESSION_BUS_ADDRESS is not set" : "cannot be reached", status.Description, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => store.WriteAsync("instances/acme/1/token", new SecretValue("x-not-real"), Cancel));
    }
}
