namespace FlowForge.Server.Hosting;

/// <summary>
/// Where FlowForge keeps its database: <c>FlowForge:DataDirectory</c> when configured, else
/// <c>FLOWFORGE_DATA_DIR</c>, else the platform's per-user data folder (on Linux <c>~/.local/share/flowforge</c>).
/// </summary>
internal static class DataDirectory
{
    public const string EnvironmentVariable = "FLOWFORGE_DATA_DIR";

    /// <summary>The database file: <c>flowforge.db</c> in the data directory, or in its <c>demo</c> folder for the demo.</summary>
    public static string DatabasePath(IConfiguration configuration, bool demo)
    {
        var directory = Resolve(configuration);
        return demo ? Path.Combine(directory, "demo", "flowforge.db") : Path.Combine(directory, "flowforge.db");
    }

    public static string Resolve(IConfiguration configuration)
    {
        var configured = configuration["FlowForge:DataDirectory"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var perUser = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return Path.Combine(string.IsNullOrEmpty(perUser) ? AppContext.BaseDirectory : perUser, "flowforge");
    }
}
