using AngleSharp.Dom;
using Bunit;
using FlowForge.Abstractions.Domain;
using FlowForge.Web.Components.Settings;
using FlowForge.Web.Tests.Settings.Fakes;

namespace FlowForge.Web.Tests.Settings;

public sealed class InstanceFormTests : BunitContext
{
    private static readonly DateTimeOffset Created = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    public InstanceFormTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void The_add_form_has_an_input_per_declared_field_of_the_type_it_declares()
    {
        var form = Render<InstanceForm>(parameters => parameters.Add(p => p.Descriptors, [TestProvider.GitHub]));

        Assert.Equal("github", form.Find("select[name=kind]").GetAttribute("value"));
        Assert.Equal("text", form.Find("input[name=id]").GetAttribute("type"));
        var baseUrl = form.Find("input[name='settings.baseUrl']");
        Assert.Equal("url", baseUrl.GetAttribute("type"));
        Assert.Equal("https://api.github.com", baseUrl.GetAttribute("placeholder"));
        Assert.Equal("text", form.Find("input[name='settings.owners']").GetAttribute("type"));
        foreach (var secret in new[] { "token", "webhookSecret" })
        {
            var input = form.Find($"input[name='settings.{secret}']");
            Assert.Equal("password", input.GetAttribute("type"));
            Assert.Equal("new-password", input.GetAttribute("autocomplete"));
        }

        Assert.Equal(["kind", "id", "displayName", "settings.baseUrl", "settings.token", "settings.owners", "settings.webhookSecret", "refreshIntervalSeconds"],
            form.FindAll("input[name], select[name]").Select(element => element.GetAttribute("name")!));
    }

    [Fact]
    public void Required_marks_go_on_fields_that_need_a_value_and_descriptions_become_hints()
    {
        var form = Render<InstanceForm>(parameters => parameters.Add(p => p.Descriptors, [TestProvider.GitHub]));

        Assert.Equal(["Provider", "Id", "Token"], form.FindAll("label.required").Select(label => label.TextContent));
        Assert.Equal("true", form.Find("input[name='settings.token']").GetAttribute("aria-required"));
        Assert.Null(form.Find("input[name='settings.baseUrl']").GetAttribute("aria-required"));

        var token = form.Find("input[name='settings.token']");
        var hint = form.Find($"#{token.GetAttribute("aria-describedby")}");
        Assert.Contains("personal access token", hint.TextContent, StringComparison.Ordinal);
        Assert.Contains("env:NAME", hint.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_shows_stored_settings_but_never_a_secret_and_says_whether_each_is_set()
    {
        var form = RenderEdit(Instance());

        Assert.Equal("acme", form.Find("input[name='settings.owners']").GetAttribute("value"));
        var token = form.Find("input[name='settings.token']");
        Assert.True(string.IsNullOrEmpty(token.GetAttribute("value")));
        Assert.Contains("Set: read from the environment variable GITHUB_TOKEN.", form.Find("#edit-acme-token-state").TextContent, StringComparison.Ordinal);
        Assert.Equal("Not set.", form.Find("#edit-acme-webhookSecret-state").TextContent);
        Assert.Contains("Leave empty to keep the current value.", form.Find("#edit-acme-token-hint").TextContent, StringComparison.Ordinal);

        // A set secret need not be typed again, so it is not marked required; there is no id to type in an edit.
        Assert.Empty(form.FindAll("label.required"));
        Assert.Empty(form.FindAll("input[name=id]"));
        Assert.DoesNotContain("GITHUB_TOKEN_VALUE", form.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_sends_only_what_changed_and_leaves_an_untouched_secret_alone()
    {
        InstanceFormValues? sent = null;
        var form = RenderEdit(Instance(), values => sent = values);

        form.Find("input[name='settings.owners']").Change("acme, octocat");
        form.Find("form").Submit();

        Assert.NotNull(sent);
        Assert.Equal(new Dictionary<string, string?> { ["owners"] = "acme, octocat" }, sent.Settings);
        Assert.Null(sent.DisplayName);
        Assert.Null(sent.RefreshIntervalSeconds);
    }

    [Fact]
    public void A_typed_secret_or_environment_reference_rotates_it_and_remove_clears_an_optional_one()
    {
        InstanceFormValues? sent = null;
        var instance = Instance() with { SecretReferences = new Dictionary<string, string> { ["token"] = "env:GITHUB_TOKEN", ["webhookSecret"] = "memory:instances/acme/x" } };
        var form = RenderEdit(instance, values => sent = values);

        form.Find("input[name='settings.token']").Change("env:OTHER_TOKEN");
        form.Find("#edit-acme-webhookSecret-clear").Change(true);
        form.Find("form").Submit();

        Assert.Equal(new Dictionary<string, string?> { ["token"] = "env:OTHER_TOKEN", ["webhookSecret"] = string.Empty }, sent!.Settings);
    }

    [Fact]
    public void A_new_instance_sends_what_was_typed_and_leaves_defaults_to_apply()
    {
        InstanceFormValues? sent = null;
        var form = Render<InstanceForm>(parameters => parameters
            .Add(p => p.Descriptors, [TestProvider.GitHub])
            .Add(p => p.OnSubmit, values => sent = values));

        form.Find("input[name=id]").Change("acme");
        form.Find("input[name='settings.token']").Change("ghp_typed");
        form.Find("input[name='settings.baseUrl']").Change("https://api.github.com");
        form.Find("input[name=refreshIntervalSeconds]").Change("30");
        form.Find("form").Submit();

        Assert.Equal(new InstanceFormValues("acme", "github", null, sent!.Settings, 30), sent);
        Assert.Equal(new Dictionary<string, string?> { ["token"] = "ghp_typed" }, sent.Settings);
    }

    [Fact]
    public void Validation_messages_appear_at_their_fields_and_the_rest_in_the_summary()
    {
        var errors = new Dictionary<string, string[]>
        {
            ["id"] = ["The id must be 1-40 characters."],
            ["settings.token"] = ["Token is required."],
            ["settings.owners"] = ["Owners has an invalid format."],
            ["watch.sources"] = ["Watch at most 5000 sources."],
        };
        var form = Render<InstanceForm>(parameters => parameters
            .Add(p => p.Descriptors, [TestProvider.GitHub])
            .Add(p => p.Errors, errors));

        AssertFieldError(form.Find("input[name=id]"), form, "The id must be 1-40 characters.");
        AssertFieldError(form.Find("input[name='settings.token']"), form, "Token is required.");
        AssertFieldError(form.Find("input[name='settings.owners']"), form, "Owners has an invalid format.");
        Assert.Null(form.Find("input[name='settings.baseUrl']").GetAttribute("aria-invalid"));

        var summary = form.Find(".error-summary");
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Contains("4 values need fixing", summary.TextContent, StringComparison.Ordinal);
        Assert.Equal("Watch at most 5000 sources.", summary.QuerySelector("li")!.TextContent);
    }

    [Fact]
    public void A_refresh_interval_that_is_not_a_number_is_caught_before_sending()
    {
        var sent = false;
        var form = Render<InstanceForm>(parameters => parameters
            .Add(p => p.Descriptors, [TestProvider.GitHub])
            .Add(p => p.OnSubmit, _ => sent = true));

        form.Find("input[name=refreshIntervalSeconds]").Change("1.5");
        form.Find("form").Submit();

        Assert.False(sent);
        AssertFieldError(form.Find("input[name=refreshIntervalSeconds]"), form, "Enter the refresh interval as a whole number of seconds.");
    }

    private static void AssertFieldError(IElement input, IRenderedComponent<InstanceForm> form, string message)
    {
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var described = input.GetAttribute("aria-describedby")!.Split(' ');
        Assert.Contains(described, id => form.FindAll($"#{id}.error").Any(error => error.TextContent == message));
    }

    private IRenderedComponent<InstanceForm> RenderEdit(ProviderInstance instance, Action<InstanceFormValues>? onSubmit = null) =>
        Render<InstanceForm>(parameters => parameters
            .Add(p => p.Instance, instance)
            .Add(p => p.InstanceDescriptor, TestProvider.GitHub)
            .Add(p => p.OnSubmit, values => onSubmit?.Invoke(values)));

    private static ProviderInstance Instance() => new(
        "acme",
        "github",
        "Acme on GitHub",
        new Dictionary<string, string> { ["owners"] = "acme" },
        new Dictionary<string, string> { ["token"] = "env:GITHUB_TOKEN" },
        TimeSpan.FromSeconds(60),
        WatchSelection.Everything,
        Created,
        Created);
}
