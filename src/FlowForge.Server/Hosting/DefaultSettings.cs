using Microsoft.Extensions.Configuration.Memory;

namespace FlowForge.Server.Hosting;

/// <summary>
/// Settings that hold wherever the server is started from (a published folder, <c>dotnet run</c>, a test
/// host), at the lowest priority so any appsettings file, environment variable or argument overrides them.
/// </summary>
internal static class DefaultSettings
{
    private static readonly Dictionary<string, string?> Values = new(StringComparer.Ordinal)
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",

        // Every provider request logged at Information would drown the sync's own messages.
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",

        // Polly reports every attempt at Information; retries and breaker trips still show as warnings.
        ["Logging:LogLevel:Polly"] = "Warning",
        ["AllowedHosts"] = "*",
    };

    public static void Apply(ConfigurationManager configuration) =>
        ((IConfigurationBuilder)configuration).Sources.Insert(0, new MemoryConfigurationSource { InitialData = Values });
}
