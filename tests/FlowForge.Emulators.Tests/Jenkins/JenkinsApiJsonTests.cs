using System.Net;
using System.Text.Json;
using FlowForge.Emulators.Jenkins;

namespace FlowForge.Emulators.Tests.Jenkins;

/// <summary>Items over <c>api/json</c>: <c>_class</c> everywhere, <c>tree</c> with ranges, default depth, Jenkins' headers.</summary>
public sealed class JenkinsApiJsonTests : IAsyncLifetime
{
    private JenkinsEmulator _emulator = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await JenkinsEmulator.StartAsync(new JenkinsEmulatorOptions { Users = JenkinsClient.Users }, TestContext.Current.CancellationToken);
        _client = JenkinsClient.Create(_emulator);
        _emulator.Scenario.AddPipelineJob("team/api", new JenkinsJobSpec("The API", Parameters:
        [
            new("TARGET", JenkinsParameterType.String, "dev"),
            new("DRY_RUN", JenkinsParameterType.Boolean, "true"),
            new("LEVEL", JenkinsParameterType.Choice, Choices: ["info", "debug"]),
            new("API_KEY", JenkinsParameterType.Password, "s3cret-not-real"),
        ]));
        _emulator.Scenario.AddMultibranchProject("team/web");
        _emulator.Scenario.AddBranch("team/web", "feature/login");
        _emulator.Scenario.AddFreestyleJob("docs");
        for (var i = 1; i <= 3; i++)
        {
            _emulator.Scenario.AddCompletedBuild("team/api", JenkinsClient.Commit($"Change {i}"), i == 2 ? JenkinsResult.Failure : JenkinsResult.Success, DateTimeOffset.UtcNow.AddHours(i - 10), TimeSpan.FromMinutes(2));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task The_root_lists_its_items_with_class_name_url_and_color_only_by_default()
    {
        var root = await _client.JsonAsync("api/json");

        Assert.Equal("hudson.model.Hudson", root.GetProperty("_class").GetString());
        var jobs = root.GetProperty("jobs");
        Assert.Equal(["docs", "team"], jobs.Names());
        var docs = jobs[0];
        Assert.Equal(["_class", "name", "url", "color"], docs.EnumerateObject().Select(property => property.Name));
        Assert.Equal(("hudson.model.FreeStyleProject", "notbuilt"), (docs.GetProperty("_class").GetString(), docs.GetProperty("color").GetString()));
        Assert.Equal(["_class", "name", "url"], jobs[1].EnumerateObject().Select(property => property.Name));
        Assert.Equal("com.cloudbees.hudson.plugins.folder.Folder", jobs[1].GetProperty("_class").GetString());
    }

    [Fact]
    public async Task A_tree_asks_for_exactly_its_fields_through_folders_and_multibranch_projects()
    {
        var root = await _client.JsonAsync("api/json?tree=jobs[name,fullName,jobs[name,fullDisplayName,jobs[name,fullDisplayName,url]]]");

        var team = root.GetProperty("jobs")[1];
        Assert.Equal(["_class", "fullName", "name", "jobs"], team.EnumerateObject().Select(property => property.Name));
        var web = team.GetProperty("jobs")[1];
        Assert.Equal("org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject", web.GetProperty("_class").GetString());
        var branch = web.GetProperty("jobs")[0];
        Assert.Equal(("feature%2Flogin", "team » web » feature/login"), (branch.GetProperty("name").GetString(), branch.GetProperty("fullDisplayName").GetString()));
        Assert.Equal(new Uri(_emulator.BaseUrl, "job/team/job/web/job/feature%252Flogin/").AbsoluteUri, branch.GetProperty("url").GetString());
        Assert.False(root.GetProperty("jobs")[0].TryGetProperty("jobs", out _), "a job has no jobs");

        var viaPath = await _client.JsonAsync("job/team/job/web/job/feature%252Flogin/api/json?tree=name,displayName");
        Assert.Equal("feature/login", viaPath.GetProperty("displayName").GetString());
    }

    [Theory]
    [InlineData("{0,2}", new[] { 3, 2 })]
    [InlineData("{1,}", new[] { 2, 1 })]
    [InlineData("{,1}", new[] { 3 })]
    [InlineData("{2}", new[] { 1 })]
    public async Task Ranges_slice_the_builds_newest_first(string range, int[] numbers)
    {
        var job = await _client.JsonAsync($"job/team/job/api/api/json?tree=builds[number,result]{range}");

        Assert.Equal(numbers, job.GetProperty("builds").EnumerateArray().Select(build => build.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task A_job_exports_its_next_number_builds_and_parameter_definitions()
    {
        var job = await _client.JsonAsync("job/team/job/api/api/json");

        Assert.Equal(("org.jenkinsci.plugins.workflow.job.WorkflowJob", 4), (job.GetProperty("_class").GetString(), job.GetProperty("nextBuildNumber").GetInt32()));
        Assert.Equal(["_class", "number", "url"], job.GetProperty("builds")[0].EnumerateObject().Select(property => property.Name));
        Assert.Equal("blue", job.GetProperty("color").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("queueItem").ValueKind);
        var property = job.GetProperty("property")[0];
        Assert.Equal("hudson.model.ParametersDefinitionProperty", property.GetProperty("_class").GetString());
        var definitions = property.GetProperty("parameterDefinitions");
        Assert.Equal(["StringParameterDefinition", "BooleanParameterDefinition", "ChoiceParameterDefinition", "PasswordParameterDefinition"], definitions.Names("type"));
        Assert.True(definitions[1].GetProperty("defaultParameterValue").GetProperty("value").GetBoolean());
        Assert.Equal(["info", "debug"], definitions[2].GetProperty("choices").EnumerateArray().Select(choice => choice.GetString()));
        Assert.False(definitions[3].GetProperty("defaultParameterValue").TryGetProperty("value", out _), "a password's default is never exported");
    }

    [Fact]
    public async Task A_build_exports_causes_revision_and_change_set()
    {
        var build = await _client.JsonAsync("job/team/job/api/2/api/json?tree=number,result,building,actions[causes[shortDescription,userId],lastBuiltRevision[SHA1,branch[name]]],changeSets[items[commitId,msg,author[fullName]]]");

        Assert.Equal(("FAILURE", false), (build.GetProperty("result").GetString(), build.GetProperty("building").GetBoolean()));
        var actions = build.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal("Started by user Admin", actions[0].GetProperty("causes")[0].GetProperty("shortDescription").GetString());
        var revision = actions.Single(action => action.TryGetProperty("lastBuiltRevision", out _)).GetProperty("lastBuiltRevision");
        Assert.Equal("refs/remotes/origin/main", revision.GetProperty("branch")[0].GetProperty("name").GetString());
        var item = build.GetProperty("changeSets")[0].GetProperty("items")[0];
        Assert.Equal((revision.GetProperty("SHA1").GetString(), "Change 2", "Ada Lovelace"), (item.GetProperty("commitId").GetString(), item.GetProperty("msg").GetString(), item.GetProperty("author").GetProperty("fullName").GetString()));
    }

    [Fact]
    public async Task Responses_carry_jenkins_headers_and_neither_validators_nor_rate_limits()
    {
        using var response = await _client.GetAsync("api/json", TestContext.Current.CancellationToken);

        Assert.Equal("2.479.3", response.Headers.GetValues("X-Jenkins").Single());
        Assert.True(response.Headers.Contains("X-Jenkins-Session"));
        Assert.Null(response.Headers.ETag);
        Assert.Null(response.Content.Headers.LastModified);
        Assert.DoesNotContain(response.Headers, header => header.Key.Contains("RateLimit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_malformed_tree_and_an_unknown_item_are_jenkins_errors()
    {
        using var malformed = await _client.GetAsync("api/json?tree=jobs[name", TestContext.Current.CancellationToken);
        using var missing = await _client.GetAsync("job/nope/api/json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, malformed.StatusCode);
        Assert.Contains("Malformed tree expression", await malformed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("<title>Error 404 Not Found</title>", await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
