using FlowForge.Core.Secrets;
using FlowForge.Web.Components.Settings;

namespace FlowForge.Web.Tests.Settings;

public sealed class ActionProblemTests
{
    [Fact]
    public void An_unreachable_secret_store_is_told_in_its_own_words()
    {
        var exception = new SecretStoreUnavailableException("keyring: the keyring is locked");

        var message = ActionProblem.MessageOf(exception);

        Assert.Contains("keyring is locked", message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", message, StringComparison.Ordinal);
        Assert.False(ActionProblem.IsUnexpected(exception));
    }

    [Fact]
    public void A_failure_no_rule_describes_says_only_that_something_went_wrong()
    {
        var exception = new InvalidOperationException("internal detail that must not reach the page");

        Assert.Equal("Something went wrong; the server log has the details.", ActionProblem.MessageOf(exception));
        Assert.True(ActionProblem.IsUnexpected(exception));
    }
}
