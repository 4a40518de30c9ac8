using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Errors;
using FlowForge.Core.Instances;
using FlowForge.Core.Secrets;
using FlowForge.Core.Tests.Fakes;

namespace FlowForge.Core.Tests.Instances;

public sealed class InstanceServiceTests
{
    private const string Token = "fake-token-for-tests-0001";
    private readonly CoreServices _core = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static InstanceDraft Draft(string id = "ci-1", Dictionary<string, string?>? settings = null) =>
        new(id, "fake", null, settings ?? new() { ["token"] = Token }, null, null);

    [Fact]
    public async Task Adding_keeps_only_a_reference_to_the_token_and_the_secret_in_the_store()
    {
        var instance = await _core.Instances.AddAsync(Draft(), Cancel);

        Assert.DoesNotContain(Token, instance.Settings.Values);
        var reference = Reference(instance.SecretReferences["token"]);
        Assert.Equal("memory", reference.Scheme);
        Assert.Equal(Token, (await _core.Secrets.ResolveAsync(reference, Cancel))!.Reveal());
        Assert.Equal(TimeSpan.FromSeconds(60), instance.RefreshInterval);
        Assert.True(instance.Watch.All);
    }

    [Fact]
    public async Task An_environment_reference_is_kept_as_a_reference_and_nothing_is_written()
    {
        var instance = await _core.Instances.AddAsync(Draft(settings: new() { ["token"] = "env:FAKE_CI_TOKEN" }), Cancel);

        Assert.Equal("env:FAKE_CI_TOKEN", instance.SecretReferences["token"]);
        Assert.Null(await _core.Memory.ReadAsync("instances/ci-1/token", Cancel));
    }

    [Theory]
    [InlineData("Bad_Id")]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    [InlineData("this-id-is-far-too-long-to-be-a-reasonable-key-for-anything")]
    public async Task An_invalid_id_is_refused_and_nothing_is_stored(string id)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _core.Instances.AddAsync(Draft(id), Cancel));

        Assert.Contains("id", error.Errors.Keys);
        Assert.Equal(0, _core.Repository.Count);
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var draft = new InstanceDraft("ci-1", "fake", null, new Dictionary<string, string?> { ["baseUrl"] = "not a url", ["org"] = "Not Valid!", ["color"] = "blue" }, TimeSpan.FromSeconds(1), null);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _core.Instances.AddAsync(draft, Cancel));

        Assert.Equal(
            ["refreshIntervalSeconds", "settings.baseUrl", "settings.color", "settings.org", "settings.token"],
            error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_with_the_known_kinds()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => _core.Instances.AddAsync(Draft() with { Kind = "nope" }, Cancel));

        Assert.Contains("fake", error.Errors["kind"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_id_is_a_conflict_and_the_first_instance_keeps_its_token()
    {
        var first = await _core.Instances.AddAsync(Draft(), Cancel);

        await Assert.ThrowsAsync<ConflictException>(() => _core.Instances.AddAsync(Draft(settings: new() { ["token"] = "other-fake-token" }), Cancel));

        var stored = await _core.Repository.FindAsync("ci-1", Cancel);
        Assert.Equal(first.SecretReferences["token"], stored!.SecretReferences["token"]);
        var reference = Reference(stored.SecretReferences["token"]);
        Assert.Equal(Token, (await _core.Secrets.ResolveAsync(reference, Cancel))!.Reveal());
    }

    [Fact]
    public async Task Rotating_the_token_replaces_the_secret_and_forgets_the_old_one()
    {
        var first = await _core.Instances.AddAsync(Draft(), Cancel);
        var oldReference = Reference(first.SecretReferences["token"]);

        var updated = await _core.Instances.UpdateAsync("ci-1", new InstanceChanges(null, new Dictionary<string, string?> { ["token"] = "rotated-fake-token" }, null, null), Cancel);

        var newReference = Reference(updated.SecretReferences["token"]);
        Assert.NotEqual(oldReference, newReference);
        Assert.Null(await _core.Secrets.ResolveAsync(oldReference, Cancel));
        Assert.Equal("rotated-fake-token", (await _core.Secrets.ResolveAsync(newReference, Cancel))!.Reveal());
        Assert.True(updated.UpdatedAt > first.UpdatedAt);
    }

    [Fact]
    public async Task Updating_without_the_token_keeps_it()
    {
        var first = await _core.Instances.AddAsync(Draft(), Cancel);

        var updated = await _core.Instances.UpdateAsync("ci-1", new InstanceChanges("Renamed", new Dictionary<string, string?> { ["org"] = "acme" }, TimeSpan.FromMinutes(5), null), Cancel);

        Assert.Equal(first.SecretReferences, updated.SecretReferences);
        Assert.Equal("Renamed", updated.DisplayName);
        Assert.Equal("acme", updated.Settings["org"]);
        Assert.Equal(TimeSpan.FromMinutes(5), updated.RefreshInterval);
    }

    [Fact]
    public async Task Clearing_a_required_token_is_refused()
    {
        await _core.Instances.AddAsync(Draft(), Cancel);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => _core.Instances.UpdateAsync("ci-1", new InstanceChanges(null, new Dictionary<string, string?> { ["token"] = "" }, null, null), Cancel));

        Assert.Contains("settings.token", error.Errors.Keys);
    }

    [Fact]
    public async Task Removing_an_instance_removes_its_secrets()
    {
        var instance = await _core.Instances.AddAsync(Draft(), Cancel);
        var reference = Reference(instance.SecretReferences["token"]);

        await _core.Instances.RemoveAsync("ci-1", Cancel);

        Assert.Null(await _core.Secrets.ResolveAsync(reference, Cancel));
        Assert.Null(await _core.Repository.FindAsync("ci-1", Cancel));
        await Assert.ThrowsAsync<NotFoundException>(() => _core.Instances.RemoveAsync("ci-1", Cancel));
    }

    [Fact]
    public async Task Connections_get_defaults_and_resolved_secrets_and_are_rebuilt_after_an_update()
    {
        await _core.Instances.AddAsync(Draft(), Cancel);
        var stored = (await _core.Repository.FindAsync("ci-1", Cancel))!;

        var first = await _core.Connections.GetAsync(stored, Cancel);
        var again = await _core.Connections.GetAsync(stored, Cancel);
        _core.Time.Advance(TimeSpan.FromSeconds(1));
        var updated = await _core.Instances.UpdateAsync("ci-1", new InstanceChanges(null, new Dictionary<string, string?> { ["org"] = "acme" }, null, null), Cancel);
        var rebuilt = await _core.Connections.GetAsync(updated, Cancel);

        Assert.Same(first, again);
        Assert.NotSame(first, rebuilt);
        var context = _core.Plugin.Connections[^1];
        Assert.Equal("https://ci.example", context.Settings["baseUrl"]);
        Assert.Equal(Token, context.Secret("token")!.Reveal());
        Assert.Equal("[secret]", context.Secret("token")!.ToString());
    }

    [Fact]
    public async Task A_lost_in_memory_secret_is_a_clear_misconfiguration()
    {
        var instance = await _core.Instances.AddAsync(Draft(), Cancel);
        var reference = Reference(instance.SecretReferences["token"]);
        await _core.Memory.DeleteAsync(reference.Key, Cancel);

        var error = await Assert.ThrowsAsync<ProviderException>(() => _core.Connections.GetAsync(instance, Cancel));

        Assert.Equal(ProviderErrorKind.Misconfigured, error.Kind);
        Assert.Contains("set it again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_environment_variable_names_the_variable()
    {
        var instance = await _core.Instances.AddAsync(Draft(settings: new() { ["token"] = "env:FLOWFORGE_TEST_SURELY_UNSET_VARIABLE" }), Cancel);

        var error = await Assert.ThrowsAsync<ProviderException>(() => _core.Connections.GetAsync(instance, Cancel));

        Assert.Contains("FLOWFORGE_TEST_SURELY_UNSET_VARIABLE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_selection_is_kept()
    {
        var instance = await _core.Instances.AddAsync(Draft() with { Watch = new WatchSelection(false, ["acme/api"]) }, Cancel);

        Assert.False(instance.Watch.All);
        Assert.True(instance.Watch.Includes("ACME/api"));
        Assert.False(instance.Watch.Includes("acme/web"));
    }

    private static SecretReference Reference(string text) =>
        SecretReference.TryParse(text, out var reference) ? reference : throw new Xunit.Sdk.XunitException($"'{text}' is not a secret reference.");
}
