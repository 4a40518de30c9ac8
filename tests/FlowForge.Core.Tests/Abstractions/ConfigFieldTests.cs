using FlowForge.Abstractions.Providers;

namespace FlowForge.Core.Tests.Abstractions;

public sealed class ConfigFieldTests
{
    [Theory]
    [InlineData(ConfigFieldType.Url, "https://ghe.example/api/v3", true)]
    [InlineData(ConfigFieldType.Url, "ftp://example", false)]
    [InlineData(ConfigFieldType.Url, "example.com", false)]
    [InlineData(ConfigFieldType.Number, "12.5", true)]
    [InlineData(ConfigFieldType.Number, "twelve", false)]
    [InlineData(ConfigFieldType.Boolean, "true", true)]
    [InlineData(ConfigFieldType.Boolean, "yes", false)]
    public void Values_are_checked_by_type(ConfigFieldType type, string value, bool valid)
    {
        var field = new ConfigField("f", "Field", type, Required: false);

        Assert.Equal(valid, field.Validate(value) is null);
    }

    [Fact]
    public void Required_fields_without_default_need_a_value()
    {
        Assert.Equal("Token is required.", new ConfigField("token", "Token", ConfigFieldType.Text, Required: true).Validate("  "));
        Assert.Null(new ConfigField("url", "URL", ConfigFieldType.Url, Required: true, DefaultValue: "https://x").Validate(null));
    }

    [Fact]
    public void Patterns_must_match_the_whole_value_and_choices_must_be_listed()
    {
        var pattern = new ConfigField("org", "Org", ConfigFieldType.Text, Required: false, Pattern: "[a-z]+");
        var choice = new ConfigField("mode", "Mode", ConfigFieldType.Choice, Required: false, Options: ["fast", "slow"]);

        Assert.Null(pattern.Validate("acme"));
        Assert.NotNull(pattern.Validate("acme!"));
        Assert.Null(choice.Validate("fast"));
        Assert.Equal("Mode must be one of: fast, slow.", choice.Validate("medium"));
    }
}
