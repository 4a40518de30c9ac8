using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FlowForge.Core.Instances;

namespace FlowForge.Core.Webhooks;

/// <summary>Every way a delivery can end, as counted.</summary>
public enum WebhookCountedOutcome
{
    Accepted,
    Duplicate,
    Ignored,
    RejectedSignature,
    RejectedUnknownEvent,
    RejectedMalformed,

    /// <summary>Verified, but storing it failed; the provider may deliver it again.</summary>
    Failed,

    /// <summary>Sent to an instance that does not exist or does not receive webhooks.</summary>
    UnknownInstance,
}

/// <summary>One instance's delivery counts since the server started.</summary>
/// <param name="LastReceivedAt">The last delivery of any outcome: proof the provider reaches this server.</param>
/// <param name="LastAcceptedAt">The last delivery that was verified and applied.</param>
public sealed record WebhookCounts(
    long Accepted,
    long Duplicate,
    long Ignored,
    long RejectedSignature,
    long RejectedUnknownEvent,
    long RejectedMalformed,
    long Failed,
    DateTimeOffset? LastReceivedAt,
    DateTimeOffset? LastAcceptedAt)
{
    public static WebhookCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0, null, null);
}

/// <summary>Deliveries to instances that do not exist or do not receive webhooks, server-wide.</summary>
public sealed record UnknownInstanceCounts(long Deliveries, DateTimeOffset? LastReceivedAt);

/// <summary>
/// Counts deliveries per instance (for the API) and as the <c>flowforge.webhooks.deliveries</c> counter of the
/// <c>FlowForge.Webhooks</c> meter (for <c>/metrics</c>), tagged with instance and outcome. Deliveries to unknown
/// instances share one server-wide bucket and carry no instance tag: the id is whatever a caller put in the URL,
/// and must not become a metric series or a dictionary entry.
/// </summary>
public sealed class WebhookStats : IInstanceMemory
{
    public const string MeterName = "FlowForge.Webhooks";
    public const string CounterName = "flowforge.webhooks.deliveries";

    private static readonly WebhookCountedOutcome[] Outcomes = Enum.GetValues<WebhookCountedOutcome>();

    private readonly ConcurrentDictionary<string, Bucket> _instances = new(StringComparer.Ordinal);
    private readonly Bucket _unknown = new();
    private readonly Counter<long> _deliveries;
    private readonly TimeProvider _time;

    public WebhookStats(IMeterFactory meterFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _time = time;
        _deliveries = meterFactory.Create(MeterName).CreateCounter<long>(
            CounterName, "{delivery}", "Webhook deliveries received, by instance and outcome.");
    }

    /// <summary>The metric's <c>outcome</c> tag value: <c>accepted</c>, <c>rejected_signature</c>, <c>unknown_instance</c>...</summary>
    public static string TagValue(WebhookCountedOutcome outcome) => outcome switch
    {
        WebhookCountedOutcome.Accepted => "accepted",
        WebhookCountedOutcome.Duplicate => "duplicate",
        WebhookCountedOutcome.Ignored => "ignored",
        WebhookCountedOutcome.RejectedSignature => "rejected_signature",
        WebhookCountedOutcome.RejectedUnknownEvent => "rejected_unknown_event",
        WebhookCountedOutcome.RejectedMalformed => "rejected_malformed",
        WebhookCountedOutcome.Failed => "failed",
        WebhookCountedOutcome.UnknownInstance => "unknown_instance",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <param name="instanceId">The instance the delivery was for; ignored for <see cref="WebhookCountedOutcome.UnknownInstance"/>.</param>
    public void Count(string instanceId, WebhookCountedOutcome outcome)
    {
        var now = _time.GetUtcNow();
        if (outcome == WebhookCountedOutcome.UnknownInstance)
        {
            _unknown.Add(outcome, now);
            _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", TagValue(outcome)));
            return;
        }

        _instances.GetOrAdd(instanceId, _ => new Bucket()).Add(outcome, now);
        _deliveries.Add(1, new KeyValuePair<string, object?>("instance", instanceId), new KeyValuePair<string, object?>("outcome", TagValue(outcome)));
    }

    public void Forget(string instanceId) => _instances.TryRemove(instanceId, out _);

    public WebhookCounts For(string instanceId) =>
        _instances.TryGetValue(instanceId, out var bucket) ? bucket.Snapshot() : WebhookCounts.None;

    /// <summary>Deliveries to instances that do not exist (or do not receive webhooks), server-wide.</summary>
    public UnknownInstanceCounts UnknownInstances =>
        new(_unknown.Get(WebhookCountedOutcome.UnknownInstance), _unknown.Snapshot().LastReceivedAt);

    private sealed class Bucket
    {
        private readonly long[] _counts = new long[Outcomes.Length];
        private long _lastReceived = long.MinValue;
        private long _lastAccepted = long.MinValue;

        public void Add(WebhookCountedOutcome outcome, DateTimeOffset now)
        {
            Interlocked.Increment(ref _counts[(int)outcome]);
            Interlocked.Exchange(ref _lastReceived, now.UtcTicks);
            if (outcome == WebhookCountedOutcome.Accepted)
            {
                Interlocked.Exchange(ref _lastAccepted, now.UtcTicks);
            }
        }

        public long Get(WebhookCountedOutcome outcome) => Interlocked.Read(ref _counts[(int)outcome]);

        public WebhookCounts Snapshot() => new(
            Get(WebhookCountedOutcome.Accepted),
            Get(WebhookCountedOutcome.Duplicate),
            Get(WebhookCountedOutcome.Ignored),
            Get(WebhookCountedOutcome.RejectedSignature),
            Get(WebhookCountedOutcome.RejectedUnknownEvent),
            Get(WebhookCountedOutcome.RejectedMalformed),
            Get(WebhookCountedOutcome.Failed),
            Time(Interlocked.Read(ref _lastReceived)),
            Time(Interlocked.Read(ref _lastAccepted)));

        private static DateTimeOffset? Time(long ticks) => ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}
