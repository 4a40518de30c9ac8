using System.Globalization;
using FlowForge.Core.Access;
using FlowForge.Core.Auditing;
using FlowForge.Core.Errors;
using FlowForge.Storage.Hosting;

namespace FlowForge.Server.Hosting;

/// <summary>
/// <c>keys create --name NAME --role admin [--expires-days N] [--instances a,b]</c>: creates a key directly in the store
/// (migrating it first), prints it once and exits without starting the web server. This is how the first admin key
/// comes to be, and how an admin who lost every key gets back in: whoever can run the server can do this anyway.
/// </summary>
internal static class KeysCommand
{
    public const string Actor = "cli";
    private const string Usage = "Usage: keys create --name NAME --role viewer|operator|admin [--expires-days N] [--instances a,b] [configuration overrides]";

    public static bool Matches(string[] args) => args is ["keys", ..];

    /// <returns>The process exit code: 0 done, 1 refused, 2 usage.</returns>
    public static async Task<int> RunAsync(string[] args, bool demo, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        error ??= Console.Error;
        if (args is not ["keys", "create", .. var rest] || !TryParse(rest, out var draft, out var configurationArgs))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = configurationArgs });
        DefaultSettings.Apply(builder.Configuration);
        // Standard output carries the key alone at its end, for scripts; anything worth logging goes to standard error.
        builder.Logging.ClearProviders().AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
        builder.Services.AddFlowForgeStorage(DataDirectory.DatabasePath(builder.Configuration, demo));
        builder.Services.AddFlowForgeAccessAndAudit();
        using var host = builder.Build();
        await FlowForgeDatabase.MigrateAsync(host.Services, CancellationToken.None);

        var keys = host.Services.GetRequiredService<ApiKeyService>();
        CreatedApiKey created;
        try
        {
            created = await keys.CreateAsync(draft, Actor, CancellationToken.None);
        }
        catch (ValidationFailedException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                await error.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
            }

            return 1;
        }

        var key = created.Key;
        await host.Services.GetRequiredService<IAuditLog>().AppendAsync(
            new AuditEntry(
                0,
                key.CreatedAt,
                Actor,
                null,
                AuditActions.KeyCreate,
                null,
                null,
                null,
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["keyId"] = key.Id,
                    ["name"] = key.Name,
                    ["role"] = key.Role.Name(),
                    ["expiresInDays"] = (draft.ExpiresInDays ?? ApiKeyService.DefaultLifetimeDays).ToString(CultureInfo.InvariantCulture),
                    ["instances"] = string.Join(',', key.Instances),
                },
                AuditOutcomes.Succeeded,
                0,
                null,
                null),
            CancellationToken.None);

        var scope = key.Instances.Count == 0 ? "all instances" : string.Join(", ", key.Instances);
        await output.WriteLineAsync($"Created {key.Role.Name()} key '{key.Name}' (id {key.Id}, {scope}), expiring {key.ExpiresAt:yyyy-MM-dd}.");
        await output.WriteLineAsync("Copy it now; it is not shown again. Send it as 'Authorization: Bearer <key>'.");
        await output.WriteLineAsync(created.Token);
        return 0;
    }

    /// <summary>Reads the command's own options; everything else goes to configuration (like <c>--FlowForge:DataDirectory=…</c>).</summary>
    private static bool TryParse(string[] args, out ApiKeyDraft draft, out string[] configurationArgs)
    {
        string? name = null;
        string? role = null;
        int? days = null;
        List<string>? instances = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--name" when value is not null:
                    name = value;
                    i++;
                    break;
                case "--role" when value is not null:
                    role = value;
                    i++;
                    break;
                case "--expires-days" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed):
                    days = parsed;
                    i++;
                    break;
                case "--instances" when value is not null:
                    instances = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    i++;
                    break;
                case "--name" or "--role" or "--expires-days" or "--instances":
                    draft = new ApiKeyDraft(null, null, null, null);
                    configurationArgs = [];
                    return false;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        draft = new ApiKeyDraft(name, role, days, instances);
        configurationArgs = [.. rest];
        return name is not null && role is not null;
    }
}
