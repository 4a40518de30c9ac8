using FlowForge.Core.Secrets;
using FlowForge.Secrets;
using FlowForge.Secrets.Keyring;
using FlowForge.Secrets.Keyring.SecretService;
using FlowForge.Secrets.Transfer;
using FlowForge.Secrets.Vault;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class SecretsServiceCollectionExtensions
{
    /// <summary>
    /// Registers every secret store (keyring, vault, environment, memory), the resolver that routes references to
    /// them, the per-field secret operations and export/import. The default store is chosen, and said, at start-up.
    /// </summary>
    /// <param name="dataDirectory">Where the vault file lives (<c>secrets.vault</c>), beside the database.</param>
    public static IServiceCollection AddFlowForgeSecrets(this IServiceCollection services, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ISecretStore, InMemorySecretStore>();
        services.AddSingleton<ISecretStore, EnvironmentSecretStore>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SecretsOptions>>().Value;
            return new VaultSecretStore(
                Path.Combine(dataDirectory, VaultSecretStore.FileName),
                () => VaultPassword.Read(options.VaultKeyFile, Environment.GetEnvironmentVariable));
        });
        services.AddSingleton<ISecretStore>(provider => provider.GetRequiredService<VaultSecretStore>());
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SecretsOptions>>().Value;
            var address = options.KeyringBusAddress ?? Environment.GetEnvironmentVariable(SecretServiceKeyring.SessionBusVariable);
            return new KeyringSecretStore(KeyringBackends.ForCurrentPlatform(address, new SecretServiceSettings(options.KeyringTimeout, options.KeyringPromptTimeout)));
        });
        services.AddSingleton<ISecretStore>(provider => provider.GetRequiredService<KeyringSecretStore>());
        services.AddSingleton<SecretResolver>();
        services.AddSingleton<InstanceSecrets>();
        services.AddSingleton<InstanceTransfer>();
        services.AddHostedService<SecretStoreStartup>();
        return services;
    }
}
