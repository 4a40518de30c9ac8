using System.Runtime.Versioning;
using FlowForge.Abstractions.Secrets;
using FlowForge.Core.Secrets;
using FlowForge.Secrets.Keyring;
using FlowForge.Secrets.Keyring.SecretService;
using FlowForge.Secrets.Tests.Infrastructure;

namespace FlowForge.Secrets.Tests.Keyring;

/// <summary>The keyring store against a real gnome-keyring daemon on a private session bus, checked with <c>secret-tool</c>.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class SecretServiceTests(KeyringFixture fixture) : IClassFixture<KeyringFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private PrivateKeyring Keyring => fixture.Keyring;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_secret_set_through_FlowForge_is_found_by_secret_tool(bool plainOnly)
    {
        await using var store = new KeyringSecretStore(Keyring.CreateBackend(plainOnly));
        var key = NewKey("acme", "token");

        await store.WriteAsync(key, new SecretValue("ghp-keyring-not-real"), Cancel);

        Assert.Equal("ghp-keyring-not-real", await Keyring.LookupAsync(key));
        var algorithm = ((SecretServiceKeyring)store.Backend).Algorithm;
        Assert.Equal(plainOnly ? "plain" : "dh-ietf1024-sha256-aes128-cbc-pkcs7", algorithm);
    }

    [Fact]
    public async Task Items_name_FlowForge_and_the_instance_for_people_browsing_the_keyring()
    {
        await using var store = new KeyringSecretStore(Keyring.CreateBackend());
        var instance = "label-" + Guid.NewGuid().ToString("N")[..8];
        var key = NewKey(instance, "webhookSecret");

        await store.WriteAsync(key, new SecretValue("hook-not-real"), Cancel);

        var (exit, output, error) = await Keyring.SecretToolAsync(null, "search", "--all", "application", "flowforge", "instance", instance);
        Assert.True(exit == 0, error);

        // secret-tool prints the label on standard output and the attributes on standard error.
        var shown = output + error;
        Assert.Contains($"label = FlowForge: {instance} webhookSecret", shown, StringComparison.Ordinal);
        Assert.Contains($"attribute.flowforge-key = {key}", shown, StringComparison.Ordinal);
        Assert.Contains("attribute.field = webhookSecret", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_stored_by_secret_tool_is_read_by_FlowForge()
    {
        var key = NewKey("acme", "token");
        var (exit, _, error) = await Keyring.SecretToolAsync(
            "stored-by-secret-tool-not-real", "store", "--label=by hand", "application", "flowforge", "flowforge-key", key);
        Assert.True(exit == 0, error);
        await using var store = new KeyringSecretStore(Keyring.CreateBackend());

        Assert.Equal("stored-by-secret-tool-not-real", (await store.ReadAsync(key, Cancel))!.Reveal());
    }

    [Fact]
    public async Task Writing_again_replaces_the_item_instead_of_adding_one()
    {
        await using var store = new KeyringSecretStore(Keyring.CreateBackend());
        var key = NewKey("acme", "token");

        await store.WriteAsync(key, new SecretValue("first-not-real"), Cancel);
        await store.WriteAsync(key, new SecretValue("second-not-real"), Cancel);

        Assert.Equal("second-not-real", (await store.ReadAsync(key, Cancel))!.Reveal());
        Assert.Equal("second-not-real", await Keyring.LookupAsync(key));
        var (_, output, _) = await Keyring.SecretToolAsync(null, "search", "--all", "application", "flowforge", "flowforge-key", key);
        Assert.Single(output.Split('\n'), line => line.StartsWith("label = ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_removes_the_item_for_every_client()
    {
        await using var store = new KeyringSecretStore(Keyring.CreateBackend());
        var key = NewKey("acme", "token");
        await store.WriteAsync(key, new SecretValue("doomed-not-real"), Cancel);

        await store.DeleteAsync(key, Cancel);
        await store.DeleteAsync(key, Cancel);

        Assert.Null(await Keyring.LookupAsync(key));
        Assert.Null(await store.ReadAsync(key, Cancel));
    }

    [Fact]
    public async Task A_new_store_reads_what_an_earlier_one_wrote_like_after_a_restart()
    {
        var key = NewKey("acme", "token");
        await using (var before = new KeyringSecretStore(Keyring.CreateBackend()))
        {
            await before.WriteAsync(key, new SecretValue("survives-restart-not-real"), Cancel);
        }

        await using var after = new KeyringSecretStore(Keyring.CreateBackend());

        Assert.Equal("survives-restart-not-real", (await after.ReadAsync(key, Cancel))!.Reveal());
    }

    [Fact]
    public async Task Secrets_of_any_length_and_script_survive_the_encrypted_session()
    {
        await using var store = new KeyringSecretStore(Keyring.CreateBackend());
        foreach (var secret in new[] { "x", "exactly-16-bytes", "ключ-🔑-not-real", new string('a', 2000) + "-not-real" })
        {
            var key = NewKey("acme", "token");
            await store.WriteAsync(key, new SecretValue(secret), Cancel);
            Assert.Equal(secret, (await store.ReadAsync(key, Cancel))!.Reveal());
        }
    }

    [Fact]
    public async Task The_keyring_reports_itself_available_with_its_default_collection()
    {
        await using var backend = Keyring.CreateBackend();

        var status = await backend.CheckAsync(Cancel);

        Assert.True(status.IsAvailable, status.Description);
        Assert.Contains("/org/freedesktop/secrets/collection/login", status.Description, StringComparison.Ordinal);
    }

    private static string NewKey(string instance, string field) => SecretKeys.ForInstance($"{instance}/{Guid.NewGuid():N}", field);
}
