using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Emulators.GitHub;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Providers.GitHub.Tests.Infrastructure;

/// <summary>
/// A started <see cref="GitHubEmulator"/> and a provider connection to it over real HTTP. The emulator accepts the
/// test token for <c>octocat</c> and, unless told otherwise, shares the connection's fake clock.
/// </summary>
internal sealed class EmulatedGitHub : IAsyncDisposable
{
    public const string Login = "octocat";

    private EmulatedGitHub(GitHubTestHost host, GitHubEmulator emulator)
    {
        Host = host;
        Emulator = emulator;
        Connection = host.Connect(emulator.ApiBaseUrl);
    }

    public GitHubTestHost Host { get; }

    public GitHubEmulator Emulator { get; }

    public GitHubConnection Connection { get; }

    public GitHubScenario Scenario => Emulator.Scenario;

    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    /// <param name="emulatorClock">The emulator's clock; null shares the connection's.</param>
    public static async Task<EmulatedGitHub> StartAsync(bool returnRunDetails = true, FakeTimeProvider? emulatorClock = null)
    {
        var host = new GitHubTestHost();
        try
        {
            var emulator = await GitHubEmulator.StartAsync(
                new GitHubEmulatorOptions
                {
                    TimeProvider = emulatorClock ?? host.Time,
                    ReturnRunDetails = returnRunDetails,
                    Tokens = new Dictionary<string, string>(StringComparer.Ordinal) { [GitHubTestHost.Token] = Login },
                },
                CancellationToken);
            return new EmulatedGitHub(host, emulator);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>A repository <c>acme/app</c> with one workflow whose file is <paramref name="content"/>.</summary>
    public EmulatedWorkflow AddWorkflow(string content, string name = "Release", string repository = "acme/app")
    {
        if (!Scenario.Repositories().Any(r => r.FullName == repository))
        {
            var slash = repository.IndexOf('/', StringComparison.Ordinal);
            Scenario.AddRepository(repository[..slash], repository[(slash + 1)..]);
        }

        return Scenario.AddWorkflow(repository, name, $".github/workflows/{name.ToLowerInvariant()}.yml", content);
    }

    /// <summary>The pipeline record the sync engine would hold for the workflow.</summary>
    public static Pipeline Pipeline(EmulatedWorkflow workflow, string? defaultBranch = "main", bool withPath = true) =>
        new(
            new PipelineKey(GitHubTestHost.InstanceId, workflow.Id.ToString(CultureInfo.InvariantCulture)),
            workflow.Name,
            workflow.RepositoryFullName,
            defaultBranch,
            null,
            withPath ? workflow.Path : null,
            Abstractions.Domain.Pipeline.NoExtras);

    /// <summary>The run as the provider reads it.</summary>
    public Task<Run> RunAsync(EmulatedWorkflow workflow, long runId) =>
        Connection.GetRunAsync(Pipeline(workflow), runId.ToString(CultureInfo.InvariantCulture), CancellationToken);

    /// <summary>The API requests (method and path with query) the emulator received, in order.</summary>
    public IReadOnlyList<string> RequestLines() =>
        [.. Emulator.Requests.Snapshot().Where(r => r.Listener == "api").Select(r => $"{r.Method} {r.PathAndQuery}")];

    /// <summary>A provider failure's text, inner exceptions included, must never carry the token.</summary>
    public static void AssertNoToken(Exception exception) =>
        Assert.DoesNotContain(GitHubTestHost.Token, exception.ToString(), StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Host.Dispose();
    }
}
