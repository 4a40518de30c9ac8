using System.Text.Json;
using FlowForge.Emulators.GitHub.State;

namespace FlowForge.Emulators.GitHub.Json;

internal static class RateLimitJson
{
    // Only the core budget is emulated; the other resources report a full budget of GitHub's documented size.
    private static readonly (string Name, int Limit)[] OtherResources =
    [
        ("search", 30),
        ("graphql", 5000),
        ("integration_manifest", 5000),
        ("source_import", 100),
        ("actions_runner_registration", 10000),
        ("scim", 15000),
        ("dependency_snapshots", 100),
        ("code_search", 10),
        ("code_scanning_autofix", 10),
    ];

    public static void Write(Utf8JsonWriter w, RateLimitSnapshot core, long otherReset)
    {
        w.WriteStartObject();
        w.WriteStartObject("resources");
        WriteBudget(w, "core", core.Limit, core.Used, core.Reset);
        foreach (var (name, limit) in OtherResources)
        {
            WriteBudget(w, name, limit, 0, otherReset);
        }

        w.WriteEndObject();
        WriteBudget(w, "rate", core.Limit, core.Used, core.Reset);
        w.WriteEndObject();
    }

    private static void WriteBudget(Utf8JsonWriter w, string name, int limit, int used, long reset)
    {
        w.WriteStartObject(name);
        w.WriteNumber("limit", limit);
        w.WriteNumber("used", used);
        w.WriteNumber("remaining", limit - used);
        w.WriteNumber("reset", reset);
        w.WriteEndObject();
    }
}
