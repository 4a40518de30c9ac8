using FlowForge.Emulators.GitHub;

namespace FlowForge.Emulators.Tests.Infrastructure;

/// <summary>Small, readable fixtures built with the scenario API.</summary>
internal static class Scenarios
{
    public static RunSpec Push(string branch = "main", string message = "Fix the build", IReadOnlyList<JobSpec>? jobs = null, string actor = "octocat") =>
        new(branch, message, "Octo Cat", "octocat@example.com", actor, Jobs: jobs);

    public static (EmulatedRepository Repository, EmulatedWorkflow Workflow) RepositoryWithWorkflow(
        GitHubEmulator emulator, string owner = "acme", string name = "web-app")
    {
        var repository = emulator.Scenario.AddRepository(owner, name, description: "The web app");
        var workflow = emulator.Scenario.AddWorkflow(repository.FullName, "CI", ".github/workflows/ci.yml");
        return (repository, workflow);
    }

    /// <summary>Polls (with real, short waits) until <paramref name="condition"/> holds; fails after <paramref name="attempts"/>.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, Action? between = null, int attempts = 2000)
    {
        for (var i = 0; i < attempts; i++)
        {
            if (condition())
            {
                return;
            }

            between?.Invoke();
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"Timed out waiting for: {what}");
    }
}
