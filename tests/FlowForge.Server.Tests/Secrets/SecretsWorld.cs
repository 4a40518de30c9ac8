using System.Net;
using System.Net.Http.Json;
using System.Text;
using FlowForge.Server.Contracts;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Secrets;

/// <summary>Settings and checks the secrets tests share: which store the server uses, and where a secret must never be.</summary>
internal static class SecretsWorld
{
    public const string VaultPassword = "server-vault-password-not-real";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The vault as the default store, its password in a key file (the process environment stays untouched).</summary>
    public static Dictionary<string, string?> Vault(string password = VaultPassword)
    {
        var keyFile = Path.Combine(TempDirectory.Create(), "vault.key");
        File.WriteAllText(keyFile, password + "\n");
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["FlowForge:Secrets:DefaultStore"] = "vault",
            ["FlowForge:Secrets:VaultKeyFile"] = keyFile,
        };
    }

    public static Dictionary<string, string?> Keyring(string busAddress) => new(StringComparer.Ordinal)
    {
        ["FlowForge:Secrets:DefaultStore"] = "keyring",
        ["FlowForge:Secrets:KeyringBusAddress"] = busAddress,
    };

    public static async Task<IReadOnlyList<SecretFieldResponse>> SecretsAsync(ApiClient api, string instance) =>
        await api.GetAsync<List<SecretFieldResponse>>($"/api/v1/instances/{instance}/secrets");

    public static async Task<SecretFieldResponse> SetAsync(ApiClient api, string instance, string field, string value)
    {
        using var response = await api.Client.PutAsJsonAsync($"/api/v1/instances/{instance}/secrets/{field}", new { value }, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return System.Text.Json.JsonSerializer.Deserialize<SecretFieldResponse>(body, ApiClient.Json)!;
    }

    /// <summary>Every file under the data directory (database, its journal, the vault) that holds any of the values, as UTF-8 or UTF-16.</summary>
    public static IReadOnlyList<string> FilesHolding(string directory, params string[] values)
    {
        var found = new List<string>();
        if (!Directory.Exists(directory))
        {
            return found;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var memory = new MemoryStream())
            {
                stream.CopyTo(memory);
                bytes = memory.ToArray();
            }

            foreach (var value in values)
            {
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(value)) >= 0)
                {
                    found.Add($"{file}: {value}");
                }
            }
        }

        return found;
    }
}
