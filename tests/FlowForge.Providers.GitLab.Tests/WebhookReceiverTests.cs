using System.Text;
using FlowForge.Abstractions.Http;
using FlowForge.Abstractions.Providers;
using FlowForge.Abstractions.Secrets;

namespace FlowForge.Providers.GitLab.Tests;

/// <summary><see cref="WebhookReceiver"/>: the shape the GitHub, GitLab and Buildkite receivers share.</summary>
public sealed class WebhookReceiverTests
{
    private static WebhookRequest Request(string body, string? token = "s3cret-not-real") =>
        new(token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["X-Token"] = token }, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Without_a_secret_nothing_is_verified_or_read()
    {
        var receiver = new SampleReceiver(secret: null);

        var error = Assert.Throws<ProviderException>(() => receiver.Receive(Request("{}")));

        Assert.Equal((ProviderErrorKind.AuthenticationFailed, "No webhook secret is configured for instance 'inst': set the sample secret."), (error.Kind, error.Message));
        Assert.Equal(0, receiver.Reads);
    }

    [Fact]
    public void A_delivery_that_fails_verification_is_never_read()
    {
        var receiver = new SampleReceiver(new SecretValue("s3cret-not-real"));

        var error = Assert.Throws<ProviderException>(() => receiver.Receive(Request("{}", token: "wrong")));

        Assert.Equal(ProviderErrorKind.AuthenticationFailed, error.Kind);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, receiver.Reads);
    }

    [Theory]
    [InlineData("null", "The sample delivery's body is null.")]
    [InlineData("{not json", "The sample delivery is not JSON FlowForge can read")]
    public void A_verified_body_that_is_not_the_promised_JSON_is_a_bad_response(string body, string message)
    {
        var error = Assert.Throws<ProviderException>(() => new SampleReceiver(new SecretValue("s3cret-not-real")).Receive(Request(body)));

        Assert.Equal(ProviderErrorKind.BadResponse, error.Kind);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_event_is_named_bounded()
    {
        var error = Assert.Throws<ProviderException>(() => new SampleReceiver(new SecretValue("s3cret-not-real")).Receive(Request($$"""{"name":"{{new string('x', 100)}}"}""")));

        Assert.Equal(ProviderErrorKind.NotSupported, error.Kind);
        Assert.Equal($"FlowForge does not handle the Sample event '{new string('x', 64)}…'; subscribe the webhook to sample events only.", error.Message);
    }

    private sealed class SampleReceiver(SecretValue? secret) : WebhookReceiver("inst", secret)
    {
        public int Reads { get; private set; }

        protected override string MissingSecretAdvice => "set the sample secret.";

        protected override void Verify(WebhookRequest request, SecretValue secret)
        {
            if (!WebhookRequests.SecretMatches(secret, WebhookRequests.Header(request, "X-Token")))
            {
                throw Refused("The X-Token does not match.");
            }
        }

        protected override WebhookDelivery Read(WebhookRequest request)
        {
            Reads++;
            var thing = ReadJson(request.Body.Span, "sample", SampleJsonContext.Default.ThingDto);
            throw Unsupported("Sample", thing.Name, "sample events");
        }
    }
}
