using FlowForge.Abstractions.Providers;
using FlowForge.Core.Secrets;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Core.Errors;

/// <summary>
/// The HTTP status and the words each known failure gets. One mapping for the API's problem responses and for the
/// dashboard, which acts without HTTP but shows and audits what the equivalent API call would have answered.
/// </summary>
public static class ErrorStatus
{
    public static ErrorDescription Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ValidationFailedException validation => new(StatusCodes.Status400BadRequest, "One or more values are invalid.", null)
            {
                Errors = validation.Errors,
            },
            NotFoundException notFound => new(StatusCodes.Status404NotFound, "Not found.", notFound.Message),
            ConflictException conflict => new(StatusCodes.Status409Conflict, "Conflict.", conflict.Message),
            ProviderException provider => FromProvider(provider),

            // A locked keyring or a vault re-keyed by another process: the change failed as a whole, and may work later.
            SecretStoreUnavailableException unavailable => new(
                StatusCodes.Status503ServiceUnavailable, "The secret store is unavailable.", $"{Sentence(unavailable.Message)} Nothing was changed."),
            _ => new(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", "See the server log for details."),
        };
    }

    /// <summary>A reason written to follow a colon ("keyring: the keyring is locked") as a sentence of its own.</summary>
    private static string Sentence(string reason) =>
        reason.Length == 0 ? reason : $"{char.ToUpperInvariant(reason[0])}{reason[1..].TrimEnd('.')}.";

    private static ErrorDescription FromProvider(ProviderException exception)
    {
        var (status, title) = exception.Kind switch
        {
            ProviderErrorKind.NotFound => (StatusCodes.Status404NotFound, "The provider does not know this resource."),
            ProviderErrorKind.NotSupported => (StatusCodes.Status409Conflict, "The provider does not support this."),
            ProviderErrorKind.Misconfigured => (StatusCodes.Status409Conflict, "The provider instance is not configured correctly."),
            ProviderErrorKind.RateLimited => (StatusCodes.Status503ServiceUnavailable, "The provider's rate limit is exhausted."),
            ProviderErrorKind.AuthenticationFailed => (StatusCodes.Status502BadGateway, "The provider refused the credentials."),
            ProviderErrorKind.PermissionDenied => (StatusCodes.Status502BadGateway, "The provider denied permission."),
            _ => (StatusCodes.Status502BadGateway, "The provider failed."),
        };

        return new ErrorDescription(status, title, exception.Message)
        {
            ProviderError = exception.Kind,
            UpstreamStatus = exception.UpstreamStatusCode,
        };
    }
}

/// <summary>A failure as users and the audit log see it.</summary>
/// <param name="Detail">Written for users; FlowForge's exception messages never carry a secret.</param>
public sealed record ErrorDescription(int Status, string Title, string? Detail)
{
    /// <summary>For invalid input, the messages by field (<c>parameters.version</c>, <c>ref</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    public ProviderErrorKind? ProviderError { get; init; }

    /// <summary>What the provider answered, when the failure came from a response.</summary>
    public int? UpstreamStatus { get; init; }

    /// <summary>
    /// The audit log's detail: title and detail, and for invalid input the fields' names only, since messages may
    /// quote what was sent.
    /// </summary>
    public string Summary => Errors.Count > 0
        ? $"{Title} Fields: {string.Join(", ", Errors.Keys.Order(StringComparer.Ordinal))}."
        : string.IsNullOrWhiteSpace(Detail) ? Title : $"{Title} {Detail}";
}
