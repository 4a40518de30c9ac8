using System.Net;
using FlowForge.Server.Access;

namespace FlowForge.Server.Hosting;

/// <summary>
/// Binds to loopback unless told otherwise, and refuses a bind beyond this machine unless API keys are required
/// (<c>FlowForge:Auth:Mode=ApiKeys</c>): with authentication off, everyone who can connect is admin.
/// </summary>
internal static class ListenAddresses
{
    public const string KeysCommandHint = "dotnet run --project src/FlowForge.Server -- keys create --name admin --role admin";

    public static void Apply(WebApplicationBuilder builder)
    {
        var mode = AuthOptions.ModeOf(builder.Configuration);
        var urls = builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"];
        var ports = new[] { builder.Configuration["http_ports"], builder.Configuration["https_ports"] };
        var endpoints = builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"] ?? string.Empty).ToList();
        if (string.IsNullOrWhiteSpace(urls) && endpoints.Count == 0 && ports.All(string.IsNullOrWhiteSpace))
        {
            builder.WebHost.UseUrls(ServerOptions.DefaultUrl);
            return;
        }

        // A bare port (http_ports/https_ports) listens on every interface, so it never reads as loopback.
        var configured = (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(ports.SelectMany(port => (port ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .Concat(endpoints);
        var remote = configured.Where(url => url.Length > 0 && !IsLoopback(url)).ToList();
        if (remote.Count > 0 && mode != AuthMode.ApiKeys)
        {
            throw new InvalidOperationException(
                $"FlowForge would listen beyond this machine ({string.Join(", ", remote)}) with authentication off, so anyone who can connect would be admin. " +
                "Either listen on 127.0.0.1 (the default), or require API keys: set FlowForge__Auth__Mode=ApiKeys and create an admin key with " +
                $"'{KeysCommandHint}' (a published server: 'flowforge-server keys create ...'), then send it as 'Authorization: Bearer <key>'.");
        }
    }

    private static bool IsLoopback(string url)
    {
        var withoutScheme = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var host = withoutScheme.StartsWith('[')
            ? withoutScheme[1..withoutScheme.IndexOf(']', StringComparison.Ordinal)]
            : withoutScheme.Split(':', '/')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
