using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FlowForge.Emulators.GitHub;
using FlowForge.Emulators.Tests.Infrastructure;

namespace FlowForge.Emulators.Tests;

/// <summary>Workflow files through the contents API, where clients discover <c>workflow_dispatch</c> inputs.</summary>
public sealed class ContentTests
{
    private const string DeployFile = """
        name: Deploy
        on:
          workflow_dispatch:
            inputs:
              environment:
                type: choice
                options: [staging, production]
        """;

    [Fact]
    public async Task A_workflow_file_is_served_base64_encoded_or_raw()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        emulator.Scenario.AddRepository("acme", "api");
        var workflow = emulator.Scenario.AddWorkflow("acme/api", "Deploy", ".github/workflows/deploy.yml", DeployFile);
        emulator.Scenario.AddRef("acme/api", "release");
        using var client = EmulatorClient.Create(emulator);

        var file = await client.GetJsonAsync("repos/acme/api/contents/.github/workflows/deploy.yml?ref=release");
        Assert.Equal(("file", "base64", "deploy.yml"), (file.GetProperty("type").GetString(), file.GetProperty("encoding").GetString(), file.GetProperty("name").GetString()));
        Assert.Equal(DeployFile, Encoding.UTF8.GetString(Convert.FromBase64String(file.GetProperty("content").GetString()!.Replace("\n", "", StringComparison.Ordinal))));
        Assert.EndsWith("?ref=release", file.GetProperty("url").GetString(), StringComparison.Ordinal);

        using var raw = new HttpRequestMessage(HttpMethod.Get, "repos/acme/api/contents/.github/workflows/deploy.yml");
        raw.Headers.Accept.Clear();
        raw.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github.raw+json"));
        using var rawResponse = await client.SendAsync(raw, TestContext.Current.CancellationToken);
        Assert.Equal(DeployFile, await rawResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        emulator.Scenario.UpdateWorkflowFile(workflow.Id, DeployFile + "\n# changed\n");
        var changed = await client.GetJsonAsync("repos/acme/api/contents/.github/workflows/deploy.yml");
        Assert.NotEqual(file.GetProperty("sha").GetString(), changed.GetProperty("sha").GetString());
    }

    [Fact]
    public async Task The_workflows_directory_lists_its_files_and_other_paths_are_not_found()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (repository, _) = Scenarios.RepositoryWithWorkflow(emulator);
        emulator.Scenario.AddWorkflow(repository.FullName, "Lint", ".github/workflows/lint.yml");
        using var client = EmulatorClient.Create(emulator);

        var listing = await client.GetJsonAsync($"repos/{repository.FullName}/contents/.github/workflows");
        Assert.Equal(["ci.yml", "lint.yml"], listing.EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        var root = await client.GetJsonAsync($"repos/{repository.FullName}/contents/");
        Assert.Equal(("dir", ".github"), (root[0].GetProperty("type").GetString(), root[0].GetProperty("path").GetString()));

        using var missing = await client.GetAsync($"repos/{repository.FullName}/contents/README.md", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Only_a_workflow_with_a_workflow_dispatch_trigger_can_be_dispatched()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        emulator.Scenario.AddRepository("acme", "api");
        emulator.Scenario.AddWorkflow("acme/api", "Lint", ".github/workflows/lint.yml", "name: Lint\non: [push]\n");
        using var client = EmulatorClient.Create(emulator);

        using var refused = await client.PostJsonAsync("repos/acme/api/actions/workflows/lint.yml/dispatches", """{"ref":"main"}""");

        await AuthenticationTests.AssertErrorAsync(refused, HttpStatusCode.UnprocessableEntity, "Workflow does not have 'workflow_dispatch' trigger");
        Assert.Empty(emulator.Scenario.Runs("acme/api"));
    }

    [Fact]
    public async Task Demo_workflow_files_declare_their_dispatch_inputs()
    {
        await using var emulator = await GitHubEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        GitHubDemoScenario.Seed(emulator);
        var deploy = emulator.Scenario.Workflows("acme/web-app").Single(w => w.Name == "Deploy");

        Assert.True(deploy.CanDispatch);
        Assert.Contains("type: choice", deploy.FileContent, StringComparison.Ordinal);
        Assert.Contains("deploy-production:", deploy.FileContent, StringComparison.Ordinal);
        Assert.False(emulator.Scenario.Workflows("acme/web-app").Single(w => w.Name == "Lint").CanDispatch);
    }
}
