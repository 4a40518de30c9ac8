using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Server.Contracts;
using FlowForge.Server.Hosting;
using FlowForge.Server.Tests.Infrastructure;

namespace FlowForge.Server.Tests.Access;

public sealed class KeysCommandTests
{
    [Fact]
    public async Task The_bootstrap_command_creates_a_usable_admin_key_and_records_it()
    {
        var directory = TempDirectory.Create();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await KeysCommand.RunAsync(
            ["keys", "create", "--name", "first-admin", "--role", "admin", "--expires-days", "7", $"--FlowForge:DataDirectory={directory}"],
            demo: false,
            output,
            error);

        Assert.True(exit == 0, error.ToString());
        var token = output.ToString().Trim().Split('\n')[^1].Trim();
        Assert.StartsWith("ffk_", token, StringComparison.Ordinal);
        await using var app = new FlowForgeApp(directory, new Dictionary<string, string?> { ["FlowForge:Auth:Mode"] = "ApiKeys" });
        using var client = app.CreateRecordingClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var api = new ApiClient(client);

        var key = Assert.Single(await api.GetAsync<List<KeyResponse>>("/api/v1/keys"));
        var audit = await api.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit");

        Assert.Equal("first-admin", key.Name);
        Assert.Equal("admin", key.Role);
        Assert.Equal("cli", key.CreatedBy);
        Assert.Empty(key.Instances);
        var entry = Assert.Single(audit.Items);
        Assert.Equal((AuditActions.KeyCreate, "cli", AuditOutcomes.Succeeded, 0), (entry.Action, entry.Actor, entry.Outcome, entry.StatusCode));
        Assert.Equal(key.Id, entry.Parameters["keyId"]);
        Assert.True(ApiKeyToken.TryParse(token, out _, out var secret));
        Assert.DoesNotContain(secret, string.Join(' ', entry.Parameters.Values), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keys")]
    [InlineData("keys create --role admin")]
    [InlineData("keys create --name x")]
    [InlineData("keys delete --name x --role admin")]
    public async Task Incomplete_commands_print_the_usage(string command)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await KeysCommand.RunAsync(command.Split(' '), demo: false, output, error);

        Assert.Equal(2, exit);
        Assert.Contains("Usage: keys create", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task An_invalid_key_is_explained_and_nothing_is_created()
    {
        var directory = TempDirectory.Create();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await KeysCommand.RunAsync(
            ["keys", "create", "--name", "x", "--role", "root", $"--FlowForge:DataDirectory={directory}"], demo: false, output, error);

        Assert.Equal(1, exit);
        Assert.Contains("role:", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
        Assert.False(File.Exists(Path.Combine(directory, "flowforge.db")) && HasKeys(directory));
    }

    private static bool HasKeys(string directory)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory, "flowforge.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM api_keys";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
