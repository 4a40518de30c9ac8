using System.Net;
using System.Text;
using System.Text.Json;
using FlowForge.Emulators.GitLab;

namespace FlowForge.Emulators.Tests.GitLab;

/// <summary>An HttpClient for the GitLab emulator's API, with a token as a GitLab client sends it.</summary>
internal static class GitLabClient
{
    public static HttpClient Create(GitLabEmulator emulator, string? token = GitLabEmulator.DefaultToken, bool bearer = false)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = emulator.ApiBaseUrl };
        if (token is not null && bearer)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        else if (token is not null)
        {
            client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        }

        return client;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(this HttpClient client, string path, string? json = null)
    {
        using var response = await client.PostAsync(path, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(", ", contentValues)
        : throw new Xunit.Sdk.XunitException($"The response has no '{name}' header.");

    public static async Task<GitLabEmulator> StartAsync(TimeProvider? time = null, int rateLimitPerMinute = 2000) =>
        await GitLabEmulator.StartAsync(
            new GitLabEmulatorOptions { TimeProvider = time ?? TimeProvider.System, RateLimitPerMinute = rateLimitPerMinute },
            TestContext.Current.CancellationToken);

    public static PipelineSpec Push(string message = "Fix the build", string gitRef = "main") =>
        new(gitRef, message, "Ada Lovelace", "ada@example.com", "ada");
}
