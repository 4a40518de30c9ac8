using FlowForge.Core.Secrets;
using FlowForge.Secrets;
using Microsoft.Extensions.Options;

namespace FlowForge.Core.Tests.Secrets;

public sealed class SecretResolverTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("env:GITHUB_TOKEN", true)]
    [InlineData("env:_X1", true)]
    [InlineData("env:1BAD", false)]
    [InlineData("env:", false)]
    [InlineData("ghp-looking-token", false)]
    public void Environment_references_are_recognised(string input, bool expected) =>
        Assert.Equal(expected, SecretResolver.IsEnvironmentReference(input));

    [Fact]
    public async Task Environment_references_resolve_from_the_environment()
    {
        var resolver = new SecretResolver([new InMemorySecretStore(), new EnvironmentSecretStore()], Options.Create(new SecretsOptions { DefaultStore = "memory" }));
        Environment.SetEnvironmentVariable("FLOWFORGE_RESOLVER_TEST", "value-from-env");
        try
        {
            var reference = await resolver.StoreAsync("i1", "token", "env:FLOWFORGE_RESOLVER_TEST", Cancel);

            Assert.Equal("env:FLOWFORGE_RESOLVER_TEST", reference.ToString());
            Assert.Equal("value-from-env", (await resolver.ResolveAsync(reference, Cancel))!.Reveal());
            await resolver.DeleteAsync(reference, Cancel);
            Assert.Equal("value-from-env", Environment.GetEnvironmentVariable("FLOWFORGE_RESOLVER_TEST"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("FLOWFORGE_RESOLVER_TEST", null);
        }
    }

    [Fact]
    public void A_read_only_default_store_is_refused_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => new SecretResolver([new EnvironmentSecretStore()], Options.Create(new SecretsOptions { DefaultStore = "env" })));

        Assert.Contains("not a writable store", error.Message, StringComparison.Ordinal);
    }
}
