using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Core.Persistence;
using FlowForge.Core.Secrets;
using FlowForge.Web.Actions;
using FlowForge.Web.Live;
using FlowForge.Web.Tests.Settings.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Web.Tests.Settings;

/// <summary>
/// The real instance and key services (validation, secret handling, audit) over in-memory ports, and a signed-in user
/// whose role and scope each test chooses.
/// </summary>
public abstract class SettingsTestContext : BunitContext
{
    protected SettingsTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLogging();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddFlowForgeCore();
        Services.AddSingleton<IInstanceRepository>(Repository);
        Services.AddSingleton(Unused.Of<ISyncStore>());
        Services.AddSingleton<IHostApplicationLifetime, StoppedLifetime>();
        Services.AddSingleton<ISecretStore>(Secrets);
        Services.Configure<SecretsOptions>(options => options.DefaultStore = Secrets.Scheme);
        Services.AddSingleton<SecretResolver>();
        Services.AddSingleton<IProviderPlugin>(Provider);
        Services.AddSingleton<IAuditLog>(Audit);
        Services.AddSingleton<IApiKeyStore>(KeyStore);
        Services.AddSingleton<ApiKeyService>();
        Services.AddSingleton<ActionAudit>();
        Services.AddSingleton<LiveEvents>();
        Authorization = AddAuthorization();
    }

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    internal InMemoryInstanceRepository Repository { get; } = new();

    internal InMemorySecretStore Secrets { get; } = new();

    internal TestProvider Provider { get; } = new();

    internal RecordingAuditLog Audit { get; } = new();

    internal InMemoryApiKeyStore KeyStore { get; } = new();

    internal BunitAuthorizationContext Authorization { get; }

    /// <summary>An admin signed in with a key; limited to <paramref name="instances"/> when any are given.</summary>
    internal void SignInAsAdmin(params string[] instances)
    {
        var claims = new List<Claim> { new(AccessClaims.Role, "admin"), new(AccessClaims.KeyId, "adminkey0001") };
        claims.AddRange(instances.Select(instance => new Claim(AccessClaims.Instance, instance)));
        if (instances.Length == 0)
        {
            claims.Add(new Claim(AccessClaims.AllInstances, "true"));
        }

        Authorization.SetAuthorized("ada");
        Authorization.SetClaims([.. claims]);
        Authorization.SetPolicies(instances.Length == 0 ? [AccessPolicies.Admin, AccessPolicies.GlobalAdmin] : [AccessPolicies.Admin]);
    }

    /// <summary>The local admin of an install without authentication: no key.</summary>
    internal void SignInAsLocalAdmin()
    {
        Authorization.SetAuthorized(AccessClaims.LocalActor);
        Authorization.SetClaims(new Claim(AccessClaims.Role, "admin"), new Claim(AccessClaims.AllInstances, "true"));
        Authorization.SetPolicies(AccessPolicies.Admin, AccessPolicies.GlobalAdmin);
    }

    internal async Task<ProviderInstance> AddInstanceAsync(string id, string token = "ghp_stored_secret_value", WatchSelection? watch = null)
    {
        var instances = Services.GetRequiredService<Core.Instances.InstanceService>();
        return await instances.AddAsync(
            new Core.Instances.InstanceDraft(id, TestProvider.GitHub.Kind, $"Org {id}", new Dictionary<string, string?> { ["token"] = token }, null, watch),
            CancellationToken.None);
    }
}
