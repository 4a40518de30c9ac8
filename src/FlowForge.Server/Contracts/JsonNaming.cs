using System.Text.Json;

namespace FlowForge.Server.Contracts;

internal static class JsonNaming
{
    public static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
