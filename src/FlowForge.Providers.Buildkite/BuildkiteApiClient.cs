using System.Globalization;
using System.Net.Http.Headers;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.Buildkite.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.Buildkite;

/// <summary>
/// The typed HTTP client for one Buildkite organization and token, on the shared exchange of
/// <see cref="ProviderApiClient"/>: Buildkite's paths, the Bearer header and both rate-limit budgets (organization and
/// user). Nothing is redirected: the token never leaves the API host.
/// </summary>
/// <param name="root">The API root with its version, e.g. <c>https://api.buildkite.com/v2</c>.</param>
internal sealed partial class BuildkiteApiClient(
    IHttpClientFactory httpClientFactory,
    ApiRoot root,
    string organization,
    SecretValue token,
    IRateLimitObserver rateLimits,
    TimeProvider time,
    ILogger logger)
    : ProviderApiClient(httpClientFactory, BuildkitePlugin.HttpClientName, "Buildkite", root, rateLimits, time, logger)
{
    /// <summary>Buildkite's largest page.</summary>
    public const int MaxPerPage = 100;

    /// <summary>Pages of pipelines read for discovery (100 each): organizations with thousands of pipelines exist.</summary>
    public const int PipelinePageCap = 50;

    /// <summary>The organization's budget (<c>RateLimit-*</c>, shared by every user of the organization); resets are in seconds from now.</summary>
    private static readonly RateLimitHeaderNames OrganizationBudget =
        RateLimitHeaderNames.Draft(RateLimitReset.SecondsFromNow) with { Resource = "RateLimit-Scope" };

    /// <summary>The token user's own budget (<c>RateLimit-User-*</c>), usually the smaller one.</summary>
    private static readonly RateLimitHeaderNames UserBudget = new(
        "RateLimit-User-Limit", "RateLimit-User-Remaining", "RateLimit-User-Reset", RateLimitReset.SecondsFromNow, "RateLimit-User-Scope");

    public string Organization { get; } = organization;

    protected override IReadOnlyList<RateLimitHeaderNames> RateLimitBudgets { get; } = [OrganizationBudget, UserBudget];

    /// <summary><c>GET /access-token</c>: the token's user and scopes. Needs no scope.</summary>
    public async Task<AccessTokenDto> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        (await GetAsync(Root.Resolve("access-token"), BuildkiteJsonContext.Default.AccessTokenDto, conditional: false, cancellationToken)).Value;

    /// <summary><c>GET /organizations/{org}/pipelines</c>, every page up to <see cref="PipelinePageCap"/>.</summary>
    public Task<IReadOnlyList<PipelineDto>> ListPipelinesAsync(CancellationToken cancellationToken) =>
        GetAllAsync(Root.Resolve($"{OrganizationPath}/pipelines?per_page={MaxPerPage}"), BuildkiteJsonContext.Default.IReadOnlyListPipelineDto, PipelinePageCap, cancellationToken);

    /// <summary><c>GET /organizations/{org}/pipelines/{slug}</c>.</summary>
    public async Task<PipelineDto> GetPipelineAsync(string slug, CancellationToken cancellationToken) =>
        (await GetAsync(Root.Resolve(PipelinePath(slug)), BuildkiteJsonContext.Default.PipelineDto, conditional: true, cancellationToken)).Value;

    protected override void Authorize(HttpRequestMessage request) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());

    private string OrganizationPath => $"organizations/{Uri.EscapeDataString(Organization)}";

    private string PipelinePath(string slug) => $"{OrganizationPath}/pipelines/{Segment(slug, "pipeline slug")}";

    /// <summary>One escaped path segment; an empty value or one with a slash names nothing Buildkite has.</summary>
    private static string Segment(string value, string what) =>
        string.IsNullOrWhiteSpace(value) || value.Contains('/', StringComparison.Ordinal)
            ? throw new ProviderException(ProviderErrorKind.NotFound, $"'{value}' is not a Buildkite {what}.")
            : Uri.EscapeDataString(value);

    private static string Number(long number) => number.ToString(CultureInfo.InvariantCulture);
}
