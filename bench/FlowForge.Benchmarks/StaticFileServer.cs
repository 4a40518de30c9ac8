using Microsoft.Extensions.FileProviders;

namespace FlowForge.Benchmarks;

/// <summary>The baseline: Kestrel's static file middleware serving one JSON file, in its own process.</summary>
internal static class StaticFileServer
{
    public static async Task RunAsync(string directory, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(directory) });
        await app.RunAsync();
    }
}
