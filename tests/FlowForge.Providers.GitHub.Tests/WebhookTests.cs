using System.Security.Cryptography;
using System.Text;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;
using FlowForge.Providers.GitHub.Tests.Infrastructure;

namespace FlowForge.Providers.GitHub.Tests;

/// <summary>
/// Verifying and reading webhook deliveries. Payloads wrap GitHub's published REST examples (<c>workflow-run</c>,
/// <c>job</c>): a delivery's <c>workflow_run</c> and <c>workflow_job</c> objects have the REST shape.
/// </summary>
public sealed class WebhookTests
{
    private const string Secret = "webhook-secret-not-real-5d1e";
    private const string DeliveryId = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    private static readonly string RunDelivery = $$"""
        { "action": "requested", "workflow_run": {{OfficialExamples.Json("workflow-run")}},
          "workflow": { "id": 159038, "name": "Build" }, "repository": { "full_name": "octo-org/octo-repo" }, "sender": { "login": "octocat" } }
        """;

    private static readonly string JobDelivery = $$"""
        { "action": "completed", "workflow_job": {{OfficialExamples.Json("job")}}, "repository": { "full_name": "octo-org/octo-repo" } }
        """;

    private const string PingDelivery = """{ "zen": "Keep it logically awesome.", "hook_id": 42, "hook": { "type": "Repository" } }""";

    [Fact]
    public void A_signed_workflow_run_delivery_is_the_run()
    {
        using var host = new GitHubTestHost();

        var delivery = Receiver(host).Receive(Request("workflow_run", RunDelivery));

        Assert.Equal(DeliveryId, delivery.DeliveryId);
        Assert.Equal("workflow_run", delivery.EventName);
        Assert.Empty(delivery.Jobs);
        var run = Assert.Single(delivery.Runs);
        Assert.Equal(new PipelineKey(GitHubTestHost.InstanceId, "159038"), run.Pipeline);
        Assert.Equal("30433642", run.NativeId);
        Assert.Equal(562, run.Number);
        Assert.Equal(1, run.Attempt);
        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Equal("queued", run.ProviderStatus);
        Assert.Equal("Update README.md", run.Title);
        Assert.Equal("push", run.Event);
        Assert.Equal("main", run.Branch);
        Assert.Equal("acb5820ced9479c074f688cc328bf03f341a511d", run.Commit?.Sha);
        Assert.Equal(DateTimeOffset.Parse("2020-01-22T19:33:08Z", System.Globalization.CultureInfo.InvariantCulture), run.UpdatedAt);
        Assert.Equal(new Uri("https://github.com/octo-org/octo-repo/actions/runs/30433642"), run.WebUrl);
        Assert.False(delivery.IsEmpty);
    }

    [Fact]
    public void A_signed_workflow_job_delivery_is_the_job_with_its_run_id()
    {
        using var host = new GitHubTestHost();

        var delivery = Receiver(host).Receive(Request("workflow_job", JobDelivery));

        Assert.Empty(delivery.Runs);
        var webhookJob = Assert.Single(delivery.Jobs);
        Assert.Equal("29679449", webhookJob.RunNativeId);
        var job = webhookJob.Job;
        Assert.Equal("399444496", job.NativeId);
        Assert.Equal("build", job.Name);
        Assert.Equal(RunStatus.Succeeded, job.Status);
        Assert.Equal("completed/success", job.ProviderStatus);
        Assert.Equal("my runner", job.Runner);
        Assert.Equal(10, job.Steps.Count);
        Assert.Equal((1, "Set up job"), (job.Steps[0].Number, job.Steps[0].Name));
        Assert.Equal((17, "Complete job"), (job.Steps[^1].Number, job.Steps[^1].Name));
        Assert.All(job.Steps, step => Assert.Equal(RunStatus.Succeeded, step.Status));
    }

    [Fact]
    public void A_ping_is_an_empty_delivery()
    {
        using var host = new GitHubTestHost();

        var delivery = Receiver(host).Receive(Request("ping", PingDelivery));

        Assert.True(delivery.IsEmpty);
        Assert.Equal("ping", delivery.EventName);
        Assert.Equal(DeliveryId, delivery.DeliveryId);
    }

    [Fact]
    public void A_form_encoded_delivery_is_read_from_its_payload_field()
    {
        using var host = new GitHubTestHost();
        var body = "payload=" + Uri.EscapeDataString(RunDelivery);

        var delivery = Receiver(host).Receive(Request("workflow_run", body, contentType: "application/x-www-form-urlencoded"));

        Assert.Equal("30433642", Assert.Single(delivery.Runs).NativeId);
    }

    [Fact]
    public void Header_names_match_whatever_their_case_and_the_dictionary_comparer()
    {
        using var host = new GitHubTestHost();
        var body = Encoding.UTF8.GetBytes(PingDelivery);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["x-github-event"] = "ping",
            ["X-GITHUB-DELIVERY"] = DeliveryId,
            ["x-hub-signature-256"] = Sign(Secret, body),
        };

        var delivery = Receiver(host).Receive(new WebhookRequest(headers, body));

        Assert.Equal(DeliveryId, delivery.DeliveryId);
    }

    [Fact]
    public void An_upper_case_hex_signature_is_accepted()
    {
        using var host = new GitHubTestHost();
        var body = Encoding.UTF8.GetBytes(PingDelivery);
        var signature = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));

        var delivery = Receiver(host).Receive(Request("ping", PingDelivery, signature: signature));

        Assert.True(delivery.IsEmpty);
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_refused()
    {
        using var host = new GitHubTestHost();
        var signature = Sign("another-secret-not-real", Encoding.UTF8.GetBytes(RunDelivery));

        var exception = Refused(host, Request("workflow_run", RunDelivery, signature: signature));

        Assert.Contains("does not match", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_changed_after_signing_is_refused()
    {
        using var host = new GitHubTestHost();
        var signature = Sign(Secret, Encoding.UTF8.GetBytes(RunDelivery));

        Refused(host, Request("workflow_run", RunDelivery.Replace("562", "563", StringComparison.Ordinal), signature: signature));
    }

    [Fact]
    public void A_signature_wrong_only_in_its_last_byte_is_refused()
    {
        using var host = new GitHubTestHost();
        var right = Sign(Secret, Encoding.UTF8.GetBytes(PingDelivery));
        var wrong = right[..^2] + (right[^2..] == "00" ? "01" : "00");

        Refused(host, Request("ping", PingDelivery, signature: wrong));
    }

    [Fact]
    public void A_delivery_without_a_signature_is_refused()
    {
        using var host = new GitHubTestHost();

        var exception = Refused(host, Request("workflow_run", RunDelivery, signature: null));

        Assert.Contains("X-Hub-Signature-256", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha256=zz")]
    [InlineData("sha1=0123456789012345678901234567890123456789")]
    [InlineData("sha256=01234567890123456789012345678901234567890123456789012345678901")]
    [InlineData("sha256=0123456789012345678901234567890123456789012345678901234567890123ab")]
    [InlineData("sha256=g123456789012345678901234567890123456789012345678901234567890123")]
    [InlineData("SHA256=0123456789012345678901234567890123456789012345678901234567890123")]
    public void A_malformed_signature_is_refused(string signature)
    {
        using var host = new GitHubTestHost();

        Refused(host, Request("ping", PingDelivery, signature: signature));
    }

    [Fact]
    public void Without_a_webhook_secret_every_delivery_is_refused()
    {
        using var host = new GitHubTestHost();

        var exception = Refused(host, Request("ping", PingDelivery), webhookSecret: null);

        Assert.Contains("No webhook secret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusals_never_quote_the_secret_or_the_signature()
    {
        using var host = new GitHubTestHost();
        var body = Encoding.UTF8.GetBytes(RunDelivery);
        var goodSignature = Sign(Secret, body);
        var requests = new[]
        {
            Request("workflow_run", RunDelivery, signature: Sign("another-secret-not-real", body)),
            Request("workflow_run", RunDelivery, signature: goodSignature[..^1]),
            Request("workflow_run", RunDelivery + " ", signature: goodSignature),
        };

        foreach (var request in requests)
        {
            var exception = Refused(host, request);
            var signature = request.Headers["X-Hub-Signature-256"];
            Assert.DoesNotContain(Secret, exception.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("not-real", exception.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(signature["sha256=".Length..][..16], exception.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void An_unknown_event_is_not_supported_once_verified()
    {
        using var host = new GitHubTestHost();

        var exception = Assert.Throws<ProviderException>(() => Receiver(host).Receive(Request("push", """{ "ref": "refs/heads/main" }""")));

        Assert.Equal(ProviderErrorKind.NotSupported, exception.Kind);
        Assert.Contains("'push'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verification_comes_before_the_event_is_looked_at()
    {
        using var host = new GitHubTestHost();

        Refused(host, Request("push", "{}", signature: Sign("another-secret-not-real", "{}"u8.ToArray())));
    }

    [Theory]
    [InlineData("workflow_run", "not json")]
    [InlineData("workflow_run", "{}")]
    [InlineData("workflow_run", """{ "workflow_run": null }""")]
    [InlineData("workflow_run", """{ "workflow_run": { "id": 1 } }""")]
    [InlineData("workflow_run", """{ "workflow_run": { "id": "one", "run_number": 1, "workflow_id": 2 } }""")]
    [InlineData("workflow_job", """{ "workflow_job": { "id": 1, "run_id": 2 } }""")]
    [InlineData("workflow_job", """{ "workflow_job": { "id": 1, "name": "build", "status": "queued" } }""")]
    [InlineData("workflow_job", "[]")]
    public void A_body_that_does_not_hold_what_the_event_promises_is_a_bad_response(string eventName, string body)
    {
        using var host = new GitHubTestHost();

        var exception = Assert.Throws<ProviderException>(() => Receiver(host).Receive(Request(eventName, body)));

        Assert.Equal(ProviderErrorKind.BadResponse, exception.Kind);
    }

    [Fact]
    public void A_form_encoded_delivery_without_a_payload_is_a_bad_response()
    {
        using var host = new GitHubTestHost();

        var exception = Assert.Throws<ProviderException>(
            () => Receiver(host).Receive(Request("workflow_run", "other=1", contentType: "application/x-www-form-urlencoded")));

        Assert.Equal(ProviderErrorKind.BadResponse, exception.Kind);
    }

    [Theory]
    [InlineData("X-GitHub-Delivery")]
    [InlineData("X-GitHub-Event")]
    public void A_delivery_without_its_id_or_event_header_is_a_bad_response(string header)
    {
        using var host = new GitHubTestHost();
        var request = Request("ping", PingDelivery);
        var headers = request.Headers.Where(pair => pair.Key != header).ToDictionary(StringComparer.OrdinalIgnoreCase);

        var exception = Assert.Throws<ProviderException>(() => Receiver(host).Receive(request with { Headers = headers }));

        Assert.Equal(ProviderErrorKind.BadResponse, exception.Kind);
        Assert.Contains(header, exception.Message, StringComparison.Ordinal);
    }

    private static IWebhookReceiver Receiver(GitHubTestHost host, string? webhookSecret = Secret)
    {
        var secrets = new Dictionary<string, SecretValue>(StringComparer.Ordinal) { ["token"] = new SecretValue(GitHubTestHost.Token) };
        if (webhookSecret is not null)
        {
            secrets["webhookSecret"] = new SecretValue(webhookSecret);
        }

        var connection = host.Plugin.Connect(new ProviderConnectionContext(
            GitHubTestHost.InstanceId, new Dictionary<string, string>(StringComparer.Ordinal), secrets, host.RateLimits));
        return Assert.IsType<IWebhookReceiver>(connection, exactMatch: false);
    }

    private static ProviderException Refused(GitHubTestHost host, WebhookRequest request, string? webhookSecret = Secret)
    {
        var exception = Assert.Throws<ProviderException>(() => Receiver(host, webhookSecret).Receive(request));
        Assert.Equal(ProviderErrorKind.AuthenticationFailed, exception.Kind);
        return exception;
    }

    /// <summary>A delivery as GitHub sends it, signed with <see cref="Secret"/> unless a signature (or none) is given.</summary>
    private static WebhookRequest Request(string eventName, string body, string? contentType = "application/json", string? signature = "sign")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-GitHub-Event"] = eventName,
            ["X-GitHub-Delivery"] = DeliveryId,
            ["X-GitHub-Hook-ID"] = "292430182",
            ["User-Agent"] = "GitHub-Hookshot/044aadd",
        };
        if (contentType is not null)
        {
            headers["Content-Type"] = contentType;
        }

        if (signature is not null)
        {
            headers["X-Hub-Signature-256"] = signature == "sign" ? Sign(Secret, bytes) : signature;
        }

        return new WebhookRequest(headers, bytes);
    }

    private static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
