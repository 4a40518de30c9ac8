using FlowForge.Core.Errors;

namespace FlowForge.Web.Components.Settings;

/// <summary>What the person who acted is told when a settings action fails, in the words the API would use.</summary>
internal static class ActionProblem
{
    public static string MessageOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        // A refusal's message was written for this page (AuditedCall.RefuseAsync); everything else in the API's words.
        if (exception is UnauthorizedAccessException)
        {
            return exception.Message;
        }

        var error = ErrorStatus.Describe(exception);
        return error.Errors.Count > 0 ? "Some values need fixing."
            : IsUnexpected(exception) ? "Something went wrong; the server log has the details."
            : error.Detail ?? error.Title;
    }

    /// <summary>
    /// A failure no rule describes (the 500 fallback): worth a line in the server log, since the page says only "something
    /// went wrong". A known 5xx, such as an unreachable secret store, is told in its own words.
    /// </summary>
    public static bool IsUnexpected(Exception exception) =>
        exception is not UnauthorizedAccessException && ErrorStatus.Describe(exception) is { Status: 500, ProviderError: null };
}
