using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowForge.Emulators.Infrastructure.Hosting;

/// <summary>
/// Kestrel on free 127.0.0.1 ports for one emulator: an embedded web application that ignores the host process's
/// configuration and console signals, and is stopped (runtime first, so held-back bodies and webhook queues let go)
/// and disposed together with the emulator's runtime.
/// </summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorRuntimeCore _runtime;

    private EmulatorHost(WebApplication app, EmulatorRuntimeCore runtime, IReadOnlyList<int> ports)
    {
        _app = app;
        _runtime = runtime;
        Ports = ports;
    }

    /// <summary>The bound ports, one per listener, in the order the listeners were asked for.</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>Like <c>http://127.0.0.1:41234/</c> for the listener at <paramref name="listener"/>.</summary>
    public Uri Root(int listener = 0) => new($"http://127.0.0.1:{Ports[listener]}/");

    /// <summary>
    /// Starts <paramref name="listeners"/> listeners sharing one pipeline, built by <paramref name="configure"/>; the
    /// runtime is a service under its own type and as <see cref="EmulatorRuntimeCore"/>. <paramref name="bound"/> learns
    /// the addresses before the host is handed out; if it throws, everything is disposed again.
    /// </summary>
    public static async Task<EmulatorHost> StartAsync<TRuntime>(
        TRuntime runtime, int listeners, Action<WebApplication> configure, Action<EmulatorHost> bound, CancellationToken cancellationToken)
        where TRuntime : EmulatorRuntimeCore
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(listeners);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // The host process may have its own appsettings, ASPNETCORE_URLS or Kestrel endpoints; none of them are ours.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton<EmulatorRuntimeCore>(runtime);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var listenOptions = new ListenOptions?[listeners];
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            for (var i = 0; i < listeners; i++)
            {
                var index = i;
                kestrel.Listen(IPAddress.Loopback, 0, listen => listenOptions[index] = listen);
            }
        });

        var app = builder.Build();
        configure(app);
        await app.StartAsync(cancellationToken);
        var host = new EmulatorHost(app, runtime, []);
        try
        {
            host = new EmulatorHost(app, runtime, BoundPorts(app, listenOptions));
            bound(host);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _runtime.StopAsync();
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            _runtime.Dispose();
        }
    }

    /// <summary>The ports Kestrel bound, told apart by which listen options each belongs to.</summary>
    private static int[] BoundPorts(WebApplication app, ListenOptions?[] listeners)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(address => new Uri(address).Port)
            .ToHashSet() ?? [];
        var ports = listeners.Select(listener => listener?.IPEndPoint?.Port ?? 0).ToArray();
        if (addresses.Count != ports.Length || ports.Distinct().Count() != ports.Length || !ports.All(addresses.Contains))
        {
            throw new InvalidOperationException($"Kestrel did not bind the emulator's listeners as expected (bound: {string.Join(", ", addresses)}).");
        }

        return ports;
    }
}
