using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FlowForge.Emulators.Jenkins;

namespace FlowForge.Emulators.Tests.Jenkins;

/// <summary>An HttpClient for the Jenkins emulator, signed in with HTTP Basic (user and API token), not following redirects.</summary>
internal static class JenkinsClient
{
    public const string User = "admin";

    public const string Token = "admin-token-not-real";

    /// <summary>The user and token the emulators of these tests accept.</summary>
    public static IReadOnlyDictionary<string, string> Users { get; } = new Dictionary<string, string> { [User] = Token };

    public static HttpClient Create(JenkinsEmulator emulator, string? user = User, string token = Token)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = emulator.BaseUrl };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{token}")));
        }

        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, IReadOnlyDictionary<string, string>? form = null) =>
        client.PostAsync(path, new FormUrlEncodedContent(form ?? new Dictionary<string, string>()), TestContext.Current.CancellationToken);

    public static JenkinsBuildSpec Commit(string message = "Fix the build", IReadOnlyDictionary<string, string>? parameters = null) =>
        new(message, "Ada Lovelace", "ada@example.com", Parameters: parameters);

    public static string[] Names(this JsonElement array, string property = "name") =>
        [.. array.EnumerateArray().Select(element => element.GetProperty(property).GetString()!)];
}
