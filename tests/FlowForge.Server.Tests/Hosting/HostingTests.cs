using System.Net;
using System.Text.Json;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Hosting;

public sealed class HostingTests : IAsyncLifetime
{
    private readonly FlowForgeApp _app = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_OpenAPI_document_describes_the_api()
    {
        using var client = _app.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Cancel)).RootElement;

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/providers", "/api/v1/instances", "/api/v1/pipelines", "/api/v1/pipelines/{instanceId}/{pipelineId}/runs/{runId}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        }

        // A client generated from the document knows to send the API key as a bearer token.
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        Assert.True(document.GetProperty("security")[0].TryGetProperty("ApiKey", out _));
    }

    [Fact]
    public async Task The_interactive_reference_and_health_answer()
    {
        using var client = _app.CreateClient();

        using var reference = await client.GetAsync("/api", Cancel);
        using var health = await client.GetAsync("/health", Cancel);

        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task The_database_lives_in_the_configured_data_directory()
    {
        using var client = _app.CreateClient();
        await client.GetStringAsync("/api/v1/pipelines", Cancel);

        Assert.True(File.Exists(Path.Combine(_app.DataDirectory, "flowforge.db")));
    }

    [Fact]
    public async Task The_pipelines_list_answers_304_to_its_own_etag()
    {
        using var client = _app.CreateClient();
        using var first = await client.GetAsync("/api/v1/pipelines", Cancel);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/pipelines");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }
}
