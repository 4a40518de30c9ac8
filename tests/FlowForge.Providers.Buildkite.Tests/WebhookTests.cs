using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.Buildkite.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Providers.Buildkite.Tests;

/// <summary>
/// Deliveries as Buildkite sends them (<c>pages/apis/webhooks/pipelines.md</c>: <c>X-Buildkite-Event</c>, and
/// <c>X-Buildkite-Signature: timestamp=…,signature=…</c> over <c>{timestamp}.{body}</c> or <c>X-Buildkite-Token</c>),
/// with the docs' example bodies (<c>build_events.md</c>, <c>ping_events.md</c>) and bodies composed of the REST examples.
/// </summary>
public sealed class WebhookTests
{
    private const string Secret = "bk-webhook-token-not-real";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    private BuildkiteWebhooks Receiver(string? secret = Secret) =>
        new("bk", secret is null ? null : new SecretValue(secret), new BuildkiteMapper(NullLogger<BuildkiteMapper>.Instance), _time);

    // Source: buildkite/docs build_events.md (payload shape) with builds.md "Get a build" and pipelines.md "List pipelines" in it.
    [Fact]
    public void A_signed_build_finished_delivery_reports_the_run()
    {
        var body = OfficialExamples.Bytes("webhooks/build-finished.composed.json");

        var delivery = Receiver().Receive(Signed("build.finished", body, Now));

        Assert.Equal("build.finished", delivery.EventName);
        var run = Assert.Single(delivery.Runs);
        Assert.Equal(new PipelineKey("bk", "my-pipeline"), run.Pipeline);
        Assert.Equal("my-pipeline:2", run.NativeId);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Empty(delivery.Jobs);
        Assert.StartsWith("build.finished:", delivery.DeliveryId, StringComparison.Ordinal);
    }

    // Source: buildkite/docs job_events.md (payload shape) with the job of builds.md "Get a build".
    [Fact]
    public void A_job_delivery_reports_the_job_of_its_run()
    {
        var body = OfficialExamples.Bytes("webhooks/job-finished.composed.json");

        var delivery = Receiver().Receive(Signed("job.finished", body, Now));

        var job = Assert.Single(delivery.Jobs);
        Assert.Equal("my-pipeline:2", job.RunNativeId);
        Assert.Equal("RSpec", job.Job.Name);
        Assert.Equal(RunStatus.Succeeded, job.Job.Status);
        Assert.Equal("my-pipeline:2", Assert.Single(delivery.Runs).NativeId);
    }

    [Fact]
    public void The_same_body_is_the_same_delivery_and_another_body_another()
    {
        var body = OfficialExamples.Bytes("webhooks/build-finished.composed.json");
        var receiver = Receiver();

        var first = receiver.Receive(Signed("build.finished", body, Now));
        var again = receiver.Receive(Signed("build.finished", body, Now.AddSeconds(30)));
        var other = receiver.Receive(Signed("build.finished", [.. body, (byte)' '], Now));

        Assert.Equal(first.DeliveryId, again.DeliveryId);
        Assert.NotEqual(first.DeliveryId, other.DeliveryId);
    }

    [Fact]
    public void The_clear_text_token_is_accepted_too_and_a_wrong_one_refused()
    {
        var body = OfficialExamples.Bytes("webhooks/build-finished.composed.json");
        var headers = new Dictionary<string, string> { ["X-Buildkite-Event"] = "build.finished", ["X-Buildkite-Token"] = Secret };

        Assert.Single(Receiver().Receive(new WebhookRequest(headers, body)).Runs);

        headers["X-Buildkite-Token"] = "guess-not-real";
        var refused = Assert.Throws<ProviderException>(() => Receiver().Receive(new WebhookRequest(headers, body)));
        Assert.Equal(ProviderErrorKind.AuthenticationFailed, refused.Kind);
        Assert.DoesNotContain(Secret, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("someone-elses-token-not-real", 0, "does not match")]
    [InlineData(Secret, -6, "outside the 5-minute window")]
    [InlineData(Secret, 6, "outside the 5-minute window")]
    public void A_forged_or_stale_signature_is_refused(string signingSecret, int minutesAway, string reason)
    {
        var body = OfficialExamples.Bytes("webhooks/build-finished.composed.json");

        var refused = Assert.Throws<ProviderException>(() => Receiver().Receive(Signed("build.finished", body, Now.AddMinutes(minutesAway), signingSecret)));

        Assert.Equal(ProviderErrorKind.AuthenticationFailed, refused.Kind);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_still_valid_within_the_window_is_accepted()
    {
        var body = OfficialExamples.Bytes("webhooks/build-finished.composed.json");

        Assert.Single(Receiver().Receive(Signed("build.finished", body, Now.AddMinutes(-4))).Runs);
    }

    [Theory]
    [InlineData("timestamp=abc,signature=00")]
    [InlineData("signature=00")]
    [InlineData("garbage")]
    public void A_malformed_signature_header_is_refused(string header)
    {
        var request = new WebhookRequest(
            new Dictionary<string, string> { ["X-Buildkite-Event"] = "ping", ["X-Buildkite-Signature"] = header },
            OfficialExamples.Bytes("webhooks/ping-events-request-body.json"));

        Assert.Equal(ProviderErrorKind.AuthenticationFailed, Assert.Throws<ProviderException>(() => Receiver().Receive(request)).Kind);
    }

    [Fact]
    public void Without_a_secret_or_a_signature_every_delivery_is_refused()
    {
        var body = OfficialExamples.Bytes("webhooks/ping-events-request-body.json");

        Assert.Equal(ProviderErrorKind.AuthenticationFailed, Assert.Throws<ProviderException>(() => Receiver(secret: null).Receive(Signed("ping", body, Now))).Kind);
        var unsigned = new WebhookRequest(new Dictionary<string, string> { ["X-Buildkite-Event"] = "ping" }, body);
        Assert.Equal(ProviderErrorKind.AuthenticationFailed, Assert.Throws<ProviderException>(() => Receiver().Receive(unsigned)).Kind);
    }

    // Source: buildkite/docs ping_events.md, "Example request body".
    [Fact]
    public void A_ping_changes_nothing()
    {
        var delivery = Receiver().Receive(Signed("ping", OfficialExamples.Bytes("webhooks/ping-events-request-body.json"), Now));

        Assert.Equal("ping", delivery.EventName);
        Assert.True(delivery.IsEmpty);
    }

    // Source: buildkite/docs build_events.md: its examples elide the build ("...": "..."), so there is no build to read.
    [Theory]
    [InlineData("webhooks/build-events-request-body.json", "build.scheduled")]
    [InlineData("webhooks/build-events-blocked-build.json", "build.finished")]
    public void The_docs_elided_build_examples_are_bad_bodies_not_crashes(string fixture, string eventName)
    {
        var refused = Assert.Throws<ProviderException>(() => Receiver().Receive(Signed(eventName, OfficialExamples.Bytes(fixture), Now)));

        Assert.Equal(ProviderErrorKind.BadResponse, refused.Kind);
    }

    [Fact]
    public void Agent_events_are_not_handled()
    {
        var refused = Assert.Throws<ProviderException>(() => Receiver().Receive(Signed("agent.connected", "{\"event\":\"agent.connected\"}"u8.ToArray(), Now)));

        Assert.Equal(ProviderErrorKind.NotSupported, refused.Kind);
    }

    [Fact]
    public void The_event_name_falls_back_to_the_body()
    {
        var body = OfficialExamples.Bytes("webhooks/build-finished.composed.json");
        var request = Signed("build.finished", body, Now);
        var headers = request.Headers.Where(header => header.Key != "X-Buildkite-Event").ToDictionary();

        Assert.Equal("build.finished", Receiver().Receive(new WebhookRequest(headers, body)).EventName);
    }

    /// <summary>As Buildkite signs: <c>timestamp=&lt;unix&gt;,signature=hex(HMAC-SHA256(token, "&lt;timestamp&gt;.&lt;body&gt;"))</c>.</summary>
    internal static WebhookRequest Signed(string eventName, byte[] body, DateTimeOffset at, string secret = Secret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] message = [.. Encoding.UTF8.GetBytes(timestamp + "."), .. body];
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
        return new WebhookRequest(
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["X-Buildkite-Event"] = eventName,
                ["X-Buildkite-Signature"] = $"timestamp={timestamp},signature={signature}",
                ["Content-Type"] = "application/json",
            },
            body);
    }
}
