using FlowForge.Abstractions.Domain;
using FlowForge.Storage.Tests.Infrastructure;

namespace FlowForge.Storage.Tests;

public sealed class InstanceRepositoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Instances_are_added_found_listed_updated_and_removed()
    {
        await using var store = await TestStore.CreateAsync();
        var acme = Sample.Instance("acme");
        var zeta = Sample.Instance("zeta");

        Assert.True(await store.Instances.AddAsync(zeta, Ct));
        Assert.True(await store.Instances.AddAsync(acme, Ct));
        Assert.False(await store.Instances.AddAsync(acme with { DisplayName = "Other" }, Ct));

        AssertSameInstance(acme, await store.Instances.FindAsync("acme", Ct));
        Assert.Null(await store.Instances.FindAsync("nope", Ct));
        Assert.Equal(["acme", "zeta"], (await store.Instances.ListAsync(Ct)).Select(instance => instance.Id));

        var changed = acme with
        {
            DisplayName = "Acme org",
            Settings = new Dictionary<string, string> { ["owners"] = "acme,acme-labs" },
            SecretReferences = new Dictionary<string, string> { ["token"] = "memory:acme/1" },
            RefreshInterval = TimeSpan.FromMinutes(5),
            Watch = WatchSelection.Everything,
            UpdatedAt = acme.UpdatedAt.AddMinutes(1),
        };
        Assert.True(await store.Instances.UpdateAsync(changed, Ct));
        AssertSameInstance(changed, await store.Instances.FindAsync("acme", Ct));
        Assert.False(await store.Instances.UpdateAsync(Sample.Instance("nope"), Ct));

        Assert.True(await store.Instances.RemoveAsync("acme", Ct));
        Assert.False(await store.Instances.RemoveAsync("acme", Ct));
        Assert.Null(await store.Instances.FindAsync("acme", Ct));
        Assert.Equal(["zeta"], (await store.Instances.ListAsync(Ct)).Select(instance => instance.Id));
    }

    [Fact]
    public async Task Configuration_writes_move_the_store_version_only_when_something_changed()
    {
        await using var store = await TestStore.CreateAsync();
        var acme = Sample.Instance();
        await store.Instances.AddAsync(acme, Ct);
        var afterAdd = store.Version.Current;
        Assert.True(afterAdd > 0);

        Assert.True(await store.Instances.UpdateAsync(acme, Ct));
        Assert.Equal(afterAdd, store.Version.Current);

        await store.Instances.UpdateAsync(acme with { DisplayName = "Renamed" }, Ct);
        Assert.True(store.Version.Current > afterAdd);
    }

    [Fact]
    public async Task Update_keeps_the_creation_time_and_the_health()
    {
        await using var store = await TestStore.CreateAsync();
        var acme = Sample.Instance();
        await store.Instances.AddAsync(acme, Ct);
        await store.Instances.SaveHealthAsync("acme", Sample.Health(), Ct);

        await store.Instances.UpdateAsync(acme with { CreatedAt = acme.CreatedAt.AddYears(1), DisplayName = "X" }, Ct);

        Assert.Equal(acme.CreatedAt, (await store.Instances.FindAsync("acme", Ct))!.CreatedAt);
        Assert.Equal(HealthState.Unhealthy, (await store.Instances.GetHealthAsync("acme", Ct)).State);
    }

    [Fact]
    public async Task Health_round_trips_with_the_rate_limit()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Instances.AddAsync(Sample.Instance(), Ct);
        Assert.Equal(InstanceHealth.NotSynced, await store.Instances.GetHealthAsync("acme", Ct));

        var health = Sample.Health();
        await store.Instances.SaveHealthAsync("acme", health, Ct);
        Assert.Equal(health, await store.Instances.GetHealthAsync("acme", Ct));

        var healthy = new InstanceHealth(HealthState.Healthy, Sample.T0.AddMinutes(20), Sample.T0.AddMinutes(20), null, null, 0, null);
        await store.Instances.SaveHealthAsync("acme", healthy, Ct);
        Assert.Equal(healthy, await store.Instances.GetHealthAsync("acme", Ct));
    }

    [Fact]
    public async Task Health_of_an_unknown_instance_is_not_synced_and_saving_it_is_harmless()
    {
        await using var store = await TestStore.CreateAsync();

        await store.Instances.SaveHealthAsync("gone", Sample.Health(), Ct);

        Assert.Equal(InstanceHealth.NotSynced, await store.Instances.GetHealthAsync("gone", Ct));
        Assert.Empty(await store.Instances.ListAsync(Ct));
    }

    [Fact]
    public async Task Saving_health_does_not_move_the_store_version()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Instances.AddAsync(Sample.Instance(), Ct);
        var before = store.Version.Current;

        await store.Instances.SaveHealthAsync("acme", Sample.Health(), Ct);

        Assert.Equal(before, store.Version.Current);
    }

    [Fact]
    public async Task Only_secret_references_reach_the_database()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Instances.AddAsync(Sample.Instance(), Ct);

        using var connection = store.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT secret_references FROM instances WHERE id = 'acme'";
        Assert.Equal("""{"token":"env:ACME_TOKEN"}""", command.ExecuteScalar());
    }

    [Fact]
    public async Task Removing_an_instance_removes_everything_under_it()
    {
        await using var store = await TestStore.CreateAsync();
        foreach (var id in new[] { "acme", "other" })
        {
            await store.Instances.AddAsync(Sample.Instance(id), Ct);
            var pipeline = Sample.Pipeline(id, "ci");
            await store.Sync.ReplacePipelinesAsync(id, [pipeline], Ct);
            await store.Sync.UpsertRunsAsync(id, [Sample.Run(pipeline.Key, $"{id}-1", 1)], Ct);
            await store.Sync.ReplaceJobsAsync(pipeline.Key, $"{id}-1", [Sample.Job("j1", "build", RunStatus.Succeeded, Sample.Step(1, "checkout"))], Ct);
            await store.Reader.SaveJobLogAsync(pipeline.Key, $"{id}-1", "j1", new JobLog("log", true), Ct);
        }

        var before = store.Version.Current;
        Assert.True(await store.Instances.RemoveAsync("acme", Ct));

        Assert.True(store.Version.Current > before);
        foreach (var table in new[] { "instances", "pipelines", "runs", "jobs", "steps", "job_logs" })
        {
            Assert.Equal(1, store.Scalar($"SELECT COUNT(*) FROM {table}"));
        }

        Assert.Equal(0, store.Scalar("SELECT COUNT(*) FROM runs WHERE instance_id = 'acme'"));
        Assert.NotNull(await store.Reader.FindJobLogAsync(new PipelineKey("other", "ci"), "other-1", "j1", Ct));
    }

    private static void AssertSameInstance(ProviderInstance expected, ProviderInstance? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Settings, actual.Settings);
        Assert.Equal(expected.SecretReferences, actual.SecretReferences);
        Assert.Equal(expected.Watch.All, actual.Watch.All);
        Assert.Equal(expected.Watch.Sources, actual.Watch.Sources);
        Assert.Equal(expected.SecretsChangedAt, actual.SecretsChangedAt);
        Assert.Equal(
            expected with { Settings = actual.Settings, SecretReferences = actual.SecretReferences, Watch = actual.Watch, SecretsChangedAt = actual.SecretsChangedAt },
            actual);
    }
}
