using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FlowForge.Emulators.GitHub;

namespace FlowForge.Emulators.Tests.Infrastructure;

/// <summary>An HttpClient for the emulator, authenticated like a GitHub client, not following redirects.</summary>
internal static class EmulatorClient
{
    public static HttpClient Create(GitHubEmulator emulator, string? token = GitHubEmulator.DefaultToken, bool followRedirects = false)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = followRedirects }) { BaseAddress = emulator.ApiBaseUrl };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        client.DefaultRequestHeaders.Add("X-GitHub-Api-Version", "2022-11-28");
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("FlowForge.Emulators.Tests", "1.0"));
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
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

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(", ", contentValues)
        : throw new Xunit.Sdk.XunitException($"The response has no '{name}' header.");

    public static int IntHeader(this HttpResponseMessage response, string name) =>
        int.Parse(response.Header(name), System.Globalization.CultureInfo.InvariantCulture);
}
