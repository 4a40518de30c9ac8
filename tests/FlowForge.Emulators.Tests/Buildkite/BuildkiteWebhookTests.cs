using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlowForge.Emulators.Buildkite;
using FlowForge.Emulators.Tests.Infrastructure;

namespace FlowForge.Emulators.Tests.Buildkite;

/// <summary>Webhook deliveries as Buildkite's notification service sends them: events, body, <c>X-Buildkite-Signature</c> or token.</summary>
public sealed class BuildkiteWebhookTests : IAsyncLifetime
{
    private const string Org = "acme";
    private const string Token = "hook-token-not-real";
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/hooks");
    private BuildkiteEmulator _emulator = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await BuildkiteEmulator.StartAsync(cancellationToken: Cancel);
        _emulator.Scenario.AddPipeline(Org, "Web", [BuildkiteStep.Command("Build", "make"), BuildkiteStep.Block("Ship?"), BuildkiteStep.Command("Ship", "make ship")]);
    }

    public async ValueTask DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task A_build_is_told_event_by_event_with_a_valid_signature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        _emulator.Webhooks.Subscribe(receiver.Url, Token);

        var build = _emulator.Scenario.StartBuild(Org, "web", Spec());
        _emulator.Scenario.BeginBuild(Org, "web", build.Number);
        _emulator.Scenario.AdvanceBuild(Org, "web", build.Number);
        _emulator.Scenario.UnblockBuild(Org, "web", build.Number);
        _emulator.Scenario.CompleteBuild(Org, "web", build.Number, passed: true);
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);

        Assert.Equal(
            // The last job runs from start to finish within one change, so it is told finished only.
            ["build.scheduled", "job.scheduled", "build.running", "job.started", "job.finished", "build.finished", "build.running", "job.activated", "job.scheduled", "job.finished", "build.finished"],
            _emulator.Webhooks.Deliveries.Select(delivery => delivery.Event));
        Assert.All(_emulator.Webhooks.Deliveries, delivery => Assert.Equal(200, delivery.StatusCode));
        var received = receiver.Received;
        Assert.Equal(11, received.Count);
        foreach (var request in received)
        {
            Assert.True(Verifies(request.Headers["X-Buildkite-Signature"], request.Body), "the signature verifies with the token");
            using var body = JsonDocument.Parse(request.Body);
            Assert.Equal(request.Headers["X-Buildkite-Event"], body.RootElement.GetProperty("event").GetString());
            Assert.False(body.RootElement.GetProperty("build").TryGetProperty("jobs", out _), "webhook builds carry no jobs");
            Assert.Equal("web", body.RootElement.GetProperty("pipeline").GetProperty("slug").GetString());
        }

        using var blocked = JsonDocument.Parse(received[5].Body);
        Assert.True(blocked.RootElement.GetProperty("build").GetProperty("blocked").GetBoolean());
        using var started = JsonDocument.Parse(received[3].Body);
        Assert.Equal("running", started.RootElement.GetProperty("job").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_token_subscription_sends_the_token_and_a_ping_carries_the_service()
    {
        var hook = _emulator.Webhooks.Subscribe(Nowhere, Token, BuildkiteWebhookAuth.Token);

        _emulator.Webhooks.Ping(hook);
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);

        var ping = Assert.Single(_emulator.Webhooks.Deliveries);
        Assert.Equal("ping", ping.Event);
        Assert.Equal(Token, ping.Headers["X-Buildkite-Token"]);
        Assert.False(ping.Headers.ContainsKey("X-Buildkite-Signature"));
        Assert.Null(ping.StatusCode);
        Assert.NotNull(ping.Error);
        using var body = JsonDocument.Parse(ping.Body);
        Assert.Equal("webhook", body.RootElement.GetProperty("service").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task The_negative_test_knobs_sign_with_another_token_or_another_time()
    {
        var hook = _emulator.Webhooks.Subscribe(Nowhere, Token, BuildkiteWebhookAuth.Signature, "build.scheduled");
        _emulator.Webhooks.SignWithToken(hook, "other-token-not-real");
        _emulator.Scenario.StartBuild(Org, "web", Spec());
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);
        _emulator.Webhooks.SignWithToken(hook, null);
        _emulator.Webhooks.ShiftSignatureTime(hook, TimeSpan.FromMinutes(-10));
        _emulator.Scenario.StartBuild(Org, "web", Spec());
        await _emulator.Webhooks.WhenDeliveredAsync(Cancel);

        var (forged, stale) = (_emulator.Webhooks.Deliveries[0], _emulator.Webhooks.Deliveries[1]);
        Assert.False(Verifies(forged.Headers["X-Buildkite-Signature"], forged.Body.ToArray()));
        Assert.True(Verifies(stale.Headers["X-Buildkite-Signature"], stale.Body.ToArray()));
        var timestamp = long.Parse(stale.Headers["X-Buildkite-Signature"].Split(',')[0]["timestamp=".Length..], CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp, 590, 610);
    }

    private static bool Verifies(string header, byte[] body)
    {
        var parts = header.Split(',').Select(part => part.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        byte[] message = [.. Encoding.UTF8.GetBytes(parts["timestamp"] + "."), .. body];
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Token), message)) == parts["signature"];
    }

    private static BuildkiteBuildSpec Spec() => new("main", "Change", "Grace Hopper", "grace@example.com");
}
