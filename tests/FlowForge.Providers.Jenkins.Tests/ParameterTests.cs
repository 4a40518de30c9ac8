using System.Net;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Emulators.Jenkins;
using FlowForge.Providers.Jenkins.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Providers.Jenkins.Tests;

/// <summary>Trigger parameters from the job's parameter definitions, and the one ref a Jenkins job builds.</summary>
public sealed class ParameterTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Fixtures/job-parameters.json — <c>hudson.model.ParametersDefinitionProperty</c> with every definition type
    /// (<c>hudson.model.ParameterDefinition</c>: <c>name</c>, <c>type</c>, <c>description</c>, <c>defaultParameterValue</c>;
    /// <c>ChoiceParameterDefinition</c>: <c>choices</c>; jenkinsci/jenkins: core/src/main/java/hudson/model/ParameterDefinition.java,
    /// ChoiceParameterDefinition.java, PasswordParameterValue.java), served as Jenkins would.
    /// </summary>
    [Fact]
    public async Task Every_definition_type_maps_to_its_trigger_parameter()
    {
        await using var server = await ServeAsync("job-parameters.json");
        using var host = new JenkinsTestHost();

        var parameters = await host.Connect(server.Url).GetParametersAsync(JenkinsTestHost.Pipeline("release"), null, Cancel);

        Assert.True(parameters.CanTrigger);
        Assert.Equal("", parameters.Ref);
        Assert.NotNull(parameters.Revision);
        Assert.Equal(
            [
                new TriggerParameter("RELEASE_VERSION", null, "The version to release.", TriggerParameterType.String, [], "1.0.0", false),
                new TriggerParameter("CHANNEL", null, null, TriggerParameterType.Choice, ["stable", "beta", "nightly"], "stable", false),
                new TriggerParameter("PUBLISH", null, null, TriggerParameterType.Boolean, [], "true", false),
                new TriggerParameter("NOTES", null, "Release notes", TriggerParameterType.String, [], "", false),
                new TriggerParameter("SIGNING_KEY", null, "Passphrase of the signing key", TriggerParameterType.String, [], null, false, IsSecret: true),
            ],
            parameters.Parameters,
            new TriggerParameterComparer());
    }

    /// <summary>Fixtures/job-parameters-in-actions.json — older Jenkins listed the property among the job's <c>actions</c>; a disabled job (<c>buildable: false</c>).</summary>
    [Fact]
    public async Task Definitions_among_the_actions_are_read_and_a_disabled_job_cannot_be_triggered()
    {
        await using var server = await ServeAsync("job-parameters-in-actions.json");
        using var host = new JenkinsTestHost();

        var parameters = await host.Connect(server.Url).GetParametersAsync(JenkinsTestHost.Pipeline("deploy"), null, Cancel);

        Assert.False(parameters.CanTrigger);
        Assert.Equal("The job is disabled in Jenkins, so it cannot be started.", parameters.CannotTriggerReason);
        var region = Assert.Single(parameters.Parameters);
        Assert.Equal(("REGION", TriggerParameterType.Choice, "eu-west-1"), (region.Name, region.Type, region.Default));
    }

    [Fact]
    public async Task The_emulated_job_declares_what_the_provider_discovers()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddPipelineJob("deploy", new JenkinsJobSpec(Parameters:
        [
            new("TARGET", JenkinsParameterType.String, "dev", Description: "Where to"),
            new("DRY_RUN", JenkinsParameterType.Boolean, "true"),
            new("LEVEL", JenkinsParameterType.Choice, Choices: ["info", "debug"]),
            new("NOTES", JenkinsParameterType.Text),
            new("API_KEY", JenkinsParameterType.Password),
        ]));
        var pipeline = await jenkins.PipelineAsync("deploy");

        var parameters = await jenkins.Connection.GetParametersAsync(pipeline, null, Cancel);

        Assert.Equal(["TARGET", "DRY_RUN", "LEVEL", "NOTES", "API_KEY"], parameters.Parameters.Select(parameter => parameter.Name));
        Assert.Equal(
            [TriggerParameterType.String, TriggerParameterType.Boolean, TriggerParameterType.Choice, TriggerParameterType.String, TriggerParameterType.String],
            parameters.Parameters.Select(parameter => parameter.Type));
        Assert.Equal(["dev", "true", "info", "", null], parameters.Parameters.Select(parameter => parameter.Default));
        Assert.Equal([false, false, false, false, true], parameters.Parameters.Select(parameter => parameter.IsSecret));
    }

    [Fact]
    public async Task A_branch_job_builds_its_own_branch_and_refuses_another()
    {
        await using var jenkins = await EmulatedJenkins.StartAsync();
        jenkins.Scenario.AddMultibranchProject("web");
        jenkins.Scenario.AddBranch("web", "feature/login");
        jenkins.Scenario.AddPipelineJob("plain");
        var branch = await jenkins.PipelineAsync("web/feature%2Flogin");
        var plain = await jenkins.PipelineAsync("plain");

        Assert.Equal("feature/login", (await jenkins.Connection.GetParametersAsync(branch, null, Cancel)).Ref);
        Assert.Equal("feature/login", (await jenkins.Connection.GetParametersAsync(branch, "refs/heads/feature/login", Cancel)).Ref);
        var other = await Assert.ThrowsAsync<ProviderException>(() => jenkins.Connection.GetParametersAsync(branch, "main", Cancel));
        var none = await Assert.ThrowsAsync<ProviderException>(() => jenkins.Connection.GetParametersAsync(plain, "main", Cancel));

        Assert.Equal(ProviderErrorKind.NotFound, other.Kind);
        Assert.Contains("builds branch 'feature/login' only", other.Message, StringComparison.Ordinal);
        Assert.Equal(ProviderErrorKind.NotFound, none.Kind);
    }

    private static async Task<FakeHttpServer> ServeAsync(string fixture)
    {
        var server = await FakeHttpServer.StartAsync();
        server.Handler = context =>
        {
            context.Response.StatusCode = (int)HttpStatusCode.OK;
            context.Response.ContentType = "application/json;charset=utf-8";
            return context.Response.WriteAsync(Fixture.Json(fixture));
        };
        return server;
    }

    private sealed class TriggerParameterComparer : IEqualityComparer<TriggerParameter>
    {
        public bool Equals(TriggerParameter? x, TriggerParameter? y) =>
            x is not null && y is not null && x with { Options = [] } == y with { Options = [] } && x.Options.SequenceEqual(y.Options);

        public int GetHashCode(TriggerParameter obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
