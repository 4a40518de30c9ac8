using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FlowForge.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process over its own data directory, with every log line and every response body it
/// produced captured, so tests can assert that no secret ever left it.
/// </summary>
public sealed class FlowForgeApp : WebApplicationFactory<Program>
{
    /// <summary>Every token the tests use contains this, so one scan finds any of them.</summary>
    public const string TestSecretMarker = "-not-real";

    private readonly Dictionary<string, string?> _settings;
    private bool _started;
    private bool _disposed;

    private readonly TimeProvider? _time;

    public FlowForgeApp(string? dataDirectory = null, IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        _time = time;
        DataDirectory = dataDirectory ?? TempDirectory.Create();
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["FlowForge:DataDirectory"] = DataDirectory,
            ["FlowForge:Sync:SchedulerEnabled"] = "false",
            ["FlowForge:ProviderHttp:TotalTimeout"] = "00:00:03",
            ["FlowForge:ProviderHttp:AttemptTimeout"] = "00:00:02",
            ["FlowForge:ProviderHttp:RetryDelay"] = "00:00:00.050",

            // Tests that are not about secrets keep them in memory; the secrets tests choose keyring or vault explicitly.
            ["FlowForge:Secrets:DefaultStore"] = "memory",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    public ConcurrentQueue<string> ResponseBodies { get; } = new();

    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    /// <summary>A client whose every response body is kept for leak checks.</summary>
    public HttpClient CreateRecordingClient() => CreateDefaultClient(new RecordingHandler(ResponseBodies));

    /// <summary>Every log line and response body so far, for "the secret appears nowhere" checks.</summary>
    public IEnumerable<string> EverythingSaid() =>
        Logs.GetSnapshot().Select(record => $"{record.Category} {record.Message} {record.Exception}").Concat(ResponseBodies);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFilter(_ => true));
        builder.ConfigureServices(services => services.AddFakeLogging(options => options.CollectRecordsForDisabledLogLevels = true));
        if (_time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(_time));
        }
    }

    /// <summary>Only a host that started has something to scan; asking a failed one for its logs would start it again.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _started = true;
        return host;
    }

    /// <summary>Stops the server, then fails the test if any test token reached a log line, a response or a file.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var leaks = _started
            ? EverythingSaid().Where(line => line.Contains(TestSecretMarker, StringComparison.Ordinal)).ToList()
            : [];
        await base.DisposeAsync();
        Assert.True(leaks.Count == 0, $"A test secret leaked into a log line or a response:\n{string.Join("\n", leaks)}");

        // Nor into a file: the database, its journal, the vault (encrypted) — after every test, not only the secrets tests.
        var files = Secrets.SecretsWorld.FilesHolding(DataDirectory, TestSecretMarker);
        Assert.True(files.Count == 0, $"A test secret reached the data directory in plaintext:\n{string.Join("\n", files)}");
    }

    private sealed class RecordingHandler(ConcurrentQueue<string> bodies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                // A live stream never ends; its events are checked by the tests that read it.
                return response;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            bodies.Enqueue(string.Join(' ', response.Headers.Select(header => $"{header.Key}: {string.Join(',', header.Value)}")) + "\n" + body);
            return response;
        }
    }
}
