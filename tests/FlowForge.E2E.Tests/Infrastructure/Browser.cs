using Microsoft.Playwright;

namespace FlowForge.E2E.Tests.Infrastructure;

/// <summary>Debian's Chromium, headless, driven by Playwright; no browser download ever happens.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Instance = browser;
    }

    public IBrowser Instance { get; }

    public static async Task<Browser> LaunchAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium package (.ci/run does).");
        var playwright = await Playwright.CreateAsync();

        // A live update crosses the emulator, a webhook, the store and the circuit; on a busy CI machine that can take
        // more than Playwright's default 5 s of auto-waiting.
        Assertions.SetDefaultExpectTimeout(15_000);
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-quic"],
        });
        return new Browser(playwright, browser);
    }

    /// <summary>A fresh page (own cookies and storage) at a desktop or phone size, in light or dark.</summary>
    public async Task<IPage> PageAsync(Uri baseUrl, bool phone = false, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            ColorScheme = scheme,
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Instance.DisposeAsync();
        _playwright.Dispose();
    }
}
