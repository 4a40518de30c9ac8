using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Emulators.GitLab;

namespace FlowForge.Providers.GitLab.Tests.Infrastructure;

/// <summary>
/// A started <see cref="GitLabEmulator"/> and a provider connection to it over real HTTP. The emulator accepts the test
/// token for <c>root</c> and shares the connection's fake clock.
/// </summary>
internal sealed class EmulatedGitLab : IAsyncDisposable
{
    private EmulatedGitLab(GitLabTestHost host, GitLabEmulator emulator, GitLabConnection connection)
    {
        Host = host;
        Emulator = emulator;
        Connection = connection;
    }

    public GitLabTestHost Host { get; }

    public GitLabEmulator Emulator { get; }

    public GitLabConnection Connection { get; }

    public GitLabScenario Scenario => Emulator.Scenario;

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<EmulatedGitLab> StartAsync(IReadOnlyDictionary<string, string>? settings = null, GitLabEmulatorOptions? options = null)
    {
        var host = new GitLabTestHost();
        try
        {
            var emulator = await GitLabEmulator.StartAsync(
                options ?? new GitLabEmulatorOptions
                {
                    TimeProvider = host.Time,
                    Tokens = new Dictionary<string, string>(StringComparer.Ordinal) { [GitLabTestHost.Token] = "root" },
                },
                Cancel);
            return new EmulatedGitLab(host, emulator, host.Connect(emulator.ApiBaseUrl, settings));
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>A project <c>acme/app</c> (or another) with the given CI file.</summary>
    public GitLabProject AddProject(string? ciFile = null, string space = "acme", string path = "app") =>
        Scenario.AddProject(space, path, ciFile: ciFile);

    public static Pipeline Pipeline(GitLabProject project) =>
        new(
            new PipelineKey(GitLabTestHost.InstanceId, project.Id.ToString(CultureInfo.InvariantCulture)),
            project.Name,
            project.PathWithNamespace,
            project.DefaultBranch,
            null,
            project.CiFilePath,
            Abstractions.Domain.Pipeline.NoExtras);

    public GitLabPipeline StartPipeline(GitLabProject project, string message = "Fix the build", string gitRef = "main") =>
        Scenario.StartPipeline(project.Id, new PipelineSpec(gitRef, message, "Ada Lovelace", "ada@example.com", "ada"));

    /// <summary>The API requests (method and path with query) the emulator received since <paramref name="mark"/>.</summary>
    public IReadOnlyList<string> RequestsSince(int mark) =>
        [.. Emulator.Requests.Snapshot().Skip(mark).Select(request => $"{request.Method} {request.PathAndQuery}")];

    public int Mark() => Emulator.Requests.Snapshot().Count;

    /// <summary>A provider failure's text, inner exceptions included, must never carry the token.</summary>
    public static void AssertNoToken(Exception exception) =>
        Assert.DoesNotContain(GitLabTestHost.Token, exception.ToString(), StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Host.Dispose();
    }
}
