using FlowForge.Core.Access;
using FlowForge.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Storage.Tests;

public sealed class ApiKeyRepositoryTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1793534400000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_are_added_found_listed_newest_first_and_never_added_twice()
    {
        await using var store = await TestStore.CreateAsync();
        var keys = store.Services.GetRequiredService<IApiKeyStore>();
        var older = Key("aaaaaaaaaaaa", Now, AccessRole.Viewer, []);
        var newer = Key("bbbbbbbbbbbb", Now.AddMinutes(1), AccessRole.Operator, ["acme", "zeta"]);

        Assert.True(await keys.AddAsync(older, [1, 2, 3], Ct));
        Assert.True(await keys.AddAsync(newer, [4, 5, 6], Ct));
        Assert.False(await keys.AddAsync(older with { Name = "again" }, [7], Ct));

        var found = await keys.FindAsync("bbbbbbbbbbbb", Ct);
        Assert.NotNull(found);
        Assert.Equal(newer, found.Key with { Instances = newer.Instances });
        Assert.Equal(["acme", "zeta"], found.Key.Instances);
        Assert.Equal([4, 5, 6], found.SecretHash);
        Assert.Null(await keys.FindAsync("cccccccccccc", Ct));
        Assert.Equal(["bbbbbbbbbbbb", "aaaaaaaaaaaa"], (await keys.ListAsync(Ct)).Select(key => key.Id));
        Assert.Equal(0, store.Version.Current);
    }

    [Fact]
    public async Task A_revoked_key_stays_and_keeps_its_first_revocation()
    {
        await using var store = await TestStore.CreateAsync();
        var keys = store.Services.GetRequiredService<IApiKeyStore>();
        await keys.AddAsync(Key("aaaaaaaaaaaa", Now, AccessRole.Admin, []), [1], Ct);

        var revoked = await keys.RevokeAsync("aaaaaaaaaaaa", Now.AddHours(1), "ada (k1)", Ct);
        var again = await keys.RevokeAsync("aaaaaaaaaaaa", Now.AddHours(2), "bob (k2)", Ct);

        Assert.Equal(Now.AddHours(1), revoked!.RevokedAt);
        Assert.Equal("ada (k1)", again!.RevokedBy);
        Assert.Equal(Now.AddHours(1), again.RevokedAt);
        Assert.Null(await keys.RevokeAsync("nope00000000", Now, "ada", Ct));
        Assert.Single(await keys.ListAsync(Ct));
    }

    [Fact]
    public async Task Touching_records_the_last_use()
    {
        await using var store = await TestStore.CreateAsync();
        var keys = store.Services.GetRequiredService<IApiKeyStore>();
        await keys.AddAsync(Key("aaaaaaaaaaaa", Now, AccessRole.Viewer, []), [1], Ct);

        await keys.TouchAsync("aaaaaaaaaaaa", Now.AddMinutes(5), Ct);

        Assert.Equal(Now.AddMinutes(5), (await keys.FindAsync("aaaaaaaaaaaa", Ct))!.Key.LastUsedAt);
    }

    private static ApiKey Key(string id, DateTimeOffset createdAt, AccessRole role, IReadOnlyList<string> instances) =>
        new(id, $"key {id}", role, instances, createdAt, "cli", createdAt.AddDays(90));
}
