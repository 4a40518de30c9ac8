using System.Net;

namespace FlowForge.Server.Hosting;

/// <summary>Binds to loopback unless told otherwise, and refuses a network-wide bind without an explicit opt-in.</summary>
internal static class ListenAddresses
{
    public static void Apply(WebApplicationBuilder builder)
    {
        var urls = builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? builder.Configuration["http_ports"];
        var hasEndpoints = builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (string.IsNullOrWhiteSpace(urls) && !hasEndpoints)
        {
            builder.WebHost.UseUrls(ServerOptions.DefaultUrl);
            return;
        }

        var allowRemote = builder.Configuration.GetValue<bool>($"{ServerOptions.Section}:{nameof(ServerOptions.AllowRemoteWithoutAuthentication)}");
        var configured = (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"] ?? string.Empty));
        var remote = configured.Where(url => url.Length > 0 && !IsLoopback(url)).ToList();
        if (remote.Count > 0 && !allowRemote)
        {
            throw new InvalidOperationException(
                $"FlowForge would listen beyond this machine ({string.Join(", ", remote)}), and it has no authentication yet. " +
                "Listen on 127.0.0.1 (the default), or set FlowForge__Server__AllowRemoteWithoutAuthentication=true if a proxy in front of it authenticates users.");
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
