using Bunit;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Access;
using FlowForge.Web.Components.PipelineView;
using FlowForge.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FlowForge.Web.Tests.PipelineView;

public sealed class TriggerFormTests : DashboardContext
{
    private static readonly TriggerParameter[] Parameters =
    [
        new("environment", null, "Where to deploy", TriggerParameterType.Environment, ["staging", "production"], "staging", Required: true),
        new("workspace", null, null, TriggerParameterType.Environment, [], null, Required: false),
        new("region", "Region", null, TriggerParameterType.Choice, ["eu-west-1", "us-east-1"], "eu-west-1", Required: false),
        new("version", null, "The image tag", TriggerParameterType.String, [], null, Required: true),
        new("replicas", null, null, TriggerParameterType.Number, [], "3", Required: false),
        new("dry_run", null, null, TriggerParameterType.Boolean, [], "true", Required: false),
        new("token", null, null, TriggerParameterType.String, [], "s3cret-default", Required: false, IsSecret: true),
    ];

    [Fact]
    public void Each_parameter_gets_the_input_its_type_needs_with_its_default()
    {
        Provider.Connection.Parameters = new PipelineParameters("main", true, null, Parameters, "rev1");

        var form = RenderForm();

        var environment = Field(form, "environment").QuerySelector("select")!;
        Assert.Equal(["staging", "production"], environment.QuerySelectorAll("option").Select(option => option.GetAttribute("value")));
        Assert.Equal("staging", environment.GetAttribute("value"));
        Assert.Equal("text", Field(form, "workspace").QuerySelector("input")!.GetAttribute("type"));
        Assert.Equal("eu-west-1", Field(form, "region").QuerySelector("select")!.GetAttribute("value"));
        Assert.Equal("Region", Field(form, "region").QuerySelector("label")!.TextContent);
        Assert.Equal("text", Field(form, "version").QuerySelector("input")!.GetAttribute("type"));
        Assert.Equal("number", Field(form, "replicas").QuerySelector("input")!.GetAttribute("type"));
        Assert.Equal("3", Field(form, "replicas").QuerySelector("input")!.GetAttribute("value"));
        Assert.Equal("checkbox", Field(form, "dry_run").QuerySelector("input")!.GetAttribute("type"));
        Assert.True(Field(form, "dry_run").QuerySelector("input")!.HasAttribute("checked"));

        // A secret's default is never sent to the browser.
        var token = Field(form, "token").QuerySelector("input")!;
        Assert.Equal("password", token.GetAttribute("type"));
        Assert.Null(token.GetAttribute("value"));
        Assert.DoesNotContain("s3cret-default", form.Markup, StringComparison.Ordinal);

        // Required parameters are marked for eyes and for screen readers.
        Assert.Contains("required", Field(form, "version").QuerySelector("label")!.ClassList);
        Assert.Equal("true", Field(form, "version").QuerySelector("input")!.GetAttribute("aria-required"));
        Assert.DoesNotContain("required", Field(form, "replicas").QuerySelector("label")!.ClassList);
        Assert.Equal("The image tag", Field(form, "version").QuerySelector(".hint")!.TextContent.Trim());
    }

    [Fact]
    public void Invalid_values_are_explained_by_their_fields_and_nothing_is_started()
    {
        Provider.Connection.Parameters = new PipelineParameters("main", true, null, Parameters, "rev1");
        var form = RenderForm();

        Field(form, "replicas").QuerySelector("input")!.Change("many");
        form.Find("[data-testid=trigger-submit]").Click();

        Assert.Equal("version is required.", Field(form, "version").QuerySelector(".error")!.TextContent);
        Assert.Equal("replicas must be a number.", Field(form, "replicas").QuerySelector(".error")!.TextContent);
        Assert.Equal("true", Field(form, "replicas").QuerySelector("input")!.GetAttribute("aria-invalid"));
        Assert.Contains("trigger-param-4-error", Field(form, "replicas").QuerySelector("input")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Null(Field(form, "region").QuerySelector(".error"));
        Assert.Empty(Provider.Connection.Triggers);

        var entry = Assert.Single(Audit.Entries);
        Assert.Equal(("run.trigger", "failed", 400), (entry.Action, entry.Outcome, entry.StatusCode));
        Assert.Equal("One or more values are invalid. Fields: parameters.replicas, parameters.version.", entry.Detail);
    }

    [Fact]
    public void A_started_run_opens_its_page_and_the_audit_keeps_masked_values()
    {
        Provider.Connection.Parameters = new PipelineParameters("main", true, null, Parameters, "rev1");
        Store.Add(NewRun(Deploy, "r-new", 9, RunStatus.Queued));
        var form = RenderForm();

        Field(form, "version").QuerySelector("input")!.Change("v1.2.3");
        Field(form, "token").QuerySelector("input")!.Change("hunter2");
        form.Find("[data-testid=trigger-submit]").Click();

        var request = Assert.Single(Provider.Connection.Triggers);
        Assert.Equal("main", request.Ref);
        Assert.Equal("v1.2.3", request.Parameters["version"]);
        Assert.Equal("hunter2", request.Parameters["token"]);
        Assert.Equal("true", request.Parameters["dry_run"]);
        Assert.False(request.Parameters.ContainsKey("workspace"));
        Assert.EndsWith("/pipelines/acme/deploy/runs/r-new", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);

        var entry = Assert.Single(Audit.Entries);
        Assert.Equal(("run.trigger", "succeeded", 201, 204, "r-new"), (entry.Action, entry.Outcome, entry.StatusCode, entry.UpstreamStatusCode, entry.RunId));
        Assert.Equal("***", entry.Parameters["token"]);
        Assert.Equal("v1.2.3", entry.Parameters["version"]);
    }

    [Fact]
    public void A_run_whose_id_is_not_known_yet_is_said_to_appear_shortly()
    {
        Provider.Connection.TriggerResult = new TriggerResult(null, new Uri("https://ci.example/actions"), 204);
        var form = RenderForm();

        form.Find("[data-testid=trigger-submit]").Click();

        Assert.Contains("appear in the history shortly", form.Find("[data-testid=trigger-started]").TextContent, StringComparison.Ordinal);
        var entry = Assert.Single(Audit.Entries);
        Assert.Equal((202, (string?)null), (entry.StatusCode, entry.RunId));
    }

    [Fact]
    public void A_pipeline_that_cannot_be_triggered_says_why_and_offers_no_submit()
    {
        Provider.Connection.Parameters = new PipelineParameters("main", false, "The workflow has no workflow_dispatch trigger.", [], null);

        var form = RenderForm();

        Assert.Contains("no workflow_dispatch trigger", form.Find("[data-testid=trigger-unavailable]").TextContent, StringComparison.Ordinal);
        Assert.Empty(form.FindAll("[data-testid=trigger-submit]"));
    }

    [Fact]
    public void Another_ref_reads_the_parameters_again()
    {
        var form = RenderForm();

        form.Find("#trigger-ref").Change("release/2.0");
        form.Find("form.ref-form").Submit();

        Assert.Contains("Run on release/2.0", form.Find("[data-testid=trigger-submit]").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<TriggerForm> RenderForm() =>
        Render<TriggerForm>(parameters => parameters
            .Add(p => p.Pipeline, DeployPipeline)
            .Add(p => p.User, User(AccessRole.Operator)));

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<TriggerForm> form, string name) =>
        form.Find($"[data-parameter={name}]");
}
