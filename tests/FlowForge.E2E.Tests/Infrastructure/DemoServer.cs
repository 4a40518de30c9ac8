namespace FlowForge.E2E.Tests.Infrastructure;

/// <summary>One FlowForge server in demo mode and one browser, shared by the tests of a class.</summary>
public sealed class DemoServer : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public Browser Browser { get; private set; } = null!;

    public DemoEmulatorClient Emulator { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await ServerProcess.StartAsync(["--demo"]);
        Browser = await Browser.LaunchAsync();
        Emulator = new DemoEmulatorClient(Server.DemoEmulator());
    }

    public async ValueTask DisposeAsync()
    {
        Emulator.Dispose();
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
    }
}
