using System.Collections.Concurrent;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Providers.Jenkins.Tests.Infrastructure;

/// <summary>Records every rate-limit snapshot a connection reports.</summary>
internal sealed class RecordingRateLimitObserver : IRateLimitObserver
{
    public ConcurrentQueue<RateLimitSnapshot> Snapshots { get; } = new();

    public void Observe(RateLimitSnapshot snapshot) => Snapshots.Enqueue(snapshot);
}

/// <summary>The provider wired as the host wires it (<c>AddJenkinsProvider</c>).</summary>
internal sealed class JenkinsTestHost : IDisposable
{
    /// <summary>An obviously fake token; tests assert it never appears in a message.</summary>
    public const string Token = "test-token-not-real-123";

    public const string User = "ci-bot";

    public const string InstanceId = "jk";

    private readonly ServiceProvider _services;

    public JenkinsTestHost(TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddJenkinsProvider();
        _services = services.BuildServiceProvider();
        Plugin = Assert.IsType<JenkinsPlugin>(Assert.Single(_services.GetServices<IProviderPlugin>()));
    }

    public RecordingRateLimitObserver RateLimits { get; } = new();

    public JenkinsPlugin Plugin { get; }

    public JenkinsConnection Connect(Uri baseUrl, string? folders = null, string token = Token)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["baseUrl"] = baseUrl.AbsoluteUri, ["username"] = User };
        if (folders is not null)
        {
            settings["folders"] = folders;
        }

        var secrets = new Dictionary<string, SecretValue>(StringComparer.Ordinal) { ["token"] = new SecretValue(token) };
        return Assert.IsType<JenkinsConnection>(Plugin.Connect(new ProviderConnectionContext(InstanceId, settings, secrets, RateLimits)));
    }

    /// <summary>The pipeline record the sync engine would hold for a job.</summary>
    public static Pipeline Pipeline(string fullName, string jobClass = JenkinsJob.WorkflowJobClass, string? branch = null) =>
        new(
            new PipelineKey(InstanceId, JenkinsPaths.NativeId(fullName)),
            fullName.Replace("/", " » ", StringComparison.Ordinal),
            fullName,
            branch,
            null,
            null,
            new Dictionary<string, string>(StringComparer.Ordinal) { [JenkinsMapper.ClassExtra] = jobClass });

    /// <summary>A new connection to the same emulator, with nothing remembered (no finished stages, no log tails).</summary>
    public static JenkinsConnection FreshConnection(EmulatedJenkins jenkins) => jenkins.Host.Connect(jenkins.Emulator.BaseUrl);

    public void Dispose() => _services.Dispose();
}
