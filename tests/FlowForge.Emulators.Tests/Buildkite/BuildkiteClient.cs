using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FlowForge.Emulators.Buildkite;

namespace FlowForge.Emulators.Tests.Buildkite;

/// <summary>An HttpClient for the Buildkite emulator, authenticated as a Buildkite client is (Bearer).</summary>
internal static class BuildkiteClient
{
    public static HttpClient Create(BuildkiteEmulator emulator, string? token = BuildkiteEmulator.DefaultToken)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = emulator.ApiBaseUrl };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return await response.JsonAsync(expected, $"GET {path}");
    }

    public static async Task<JsonElement> PutAsync(this HttpClient client, string path, string? json = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PutAsync(path, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return await response.JsonAsync(expected, $"PUT {path}");
    }

    public static async Task<JsonElement> PostAsync(this HttpClient client, string path, string json, HttpStatusCode expected)
    {
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return await response.JsonAsync(expected, $"POST {path}");
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{what}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"No '{name}' header.");

    public static int IntHeader(this HttpResponseMessage response, string name) => int.Parse(response.Header(name), CultureInfo.InvariantCulture);

    public static string? Text(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
