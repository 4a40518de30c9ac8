using FlowForge.Abstractions.Domain;
using FlowForge.Core.Errors;
using FlowForge.Core.Operations;

namespace FlowForge.Core.Tests.Operations;

public sealed class TriggerValuesTests
{
    private static readonly TriggerParameter[] Parameters =
    [
        new("message", null, "Why", TriggerParameterType.String, [], null, Required: true),
        new("dry_run", "Dry run", null, TriggerParameterType.Boolean, [], "false", Required: false),
        new("level", null, null, TriggerParameterType.Choice, ["debug", "info", "warn"], "info", Required: true),
        new("replicas", null, null, TriggerParameterType.Number, [], "1", Required: false),
        new("target", null, null, TriggerParameterType.Environment, [], null, Required: false),
        new("password", null, null, TriggerParameterType.String, [], null, Required: false, IsSecret: true),
    ];

    [Fact]
    public void Valid_values_are_accepted_and_normalised()
    {
        var accepted = TriggerValues.Validate(Parameters, new Dictionary<string, string?>
        {
            ["message"] = "ship it",
            ["dry_run"] = "True",
            ["level"] = "warn",
            ["replicas"] = "2.5",
            ["target"] = "staging",
        });

        Assert.Equal("true", accepted["dry_run"]);
        Assert.Equal("2.5", accepted["replicas"]);
        Assert.Equal(5, accepted.Count);
    }

    [Fact]
    public void Parameters_not_given_are_left_to_their_defaults()
    {
        var accepted = TriggerValues.Validate(Parameters, new Dictionary<string, string?> { ["message"] = "x" });

        Assert.Equal(["message"], accepted.Keys);
    }

    [Fact]
    public void Every_kind_of_invalid_value_is_reported_at_once()
    {
        var error = Assert.Throws<ValidationFailedException>(() => TriggerValues.Validate(Parameters, new Dictionary<string, string?>
        {
            ["dry_run"] = "maybe",
            ["level"] = "verbose",
            ["replicas"] = "many",
            ["target"] = " ",
            ["colour"] = "blue",
        }));

        Assert.Equal(
            ["parameters.colour", "parameters.dry_run", "parameters.level", "parameters.message", "parameters.replicas", "parameters.target"],
            error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("level must be one of: debug, info, warn.", error.Errors["parameters.level"][0]);
        Assert.Equal("Dry run must be true or false.", error.Errors["parameters.dry_run"][0]);
    }

    [Fact]
    public void An_empty_value_for_a_required_parameter_counts_as_missing()
    {
        var error = Assert.Throws<ValidationFailedException>(() => TriggerValues.Validate(Parameters, new Dictionary<string, string?> { ["message"] = "" }));

        Assert.Equal(["parameters.message"], error.Errors.Keys);
    }

    [Fact]
    public void Secret_values_are_masked_for_the_record()
    {
        var masked = TriggerValues.Masked(Parameters, new Dictionary<string, string> { ["message"] = "hello", ["password"] = "hunter2-not-real" });

        Assert.Equal("hello", masked["message"]);
        Assert.Equal("***", masked["password"]);
    }
}
