using System.Text.Json.Nodes;
using FlowForge.Emulators.Buildkite.Json;
using FlowForge.Emulators.Infrastructure.Hosting;
using FlowForge.Emulators.Infrastructure.Requests;
using FlowForge.Emulators.Infrastructure.Webhooks;

namespace FlowForge.Emulators.Buildkite.Webhooks;

/// <summary>
/// Turns build changes into webhook deliveries. What to send is decided where the change happens; the shared
/// <see cref="DeliveryQueues{TSubscription, TWork}"/> give each subscription its own queue and consumer, which renders,
/// signs and POSTs its deliveries one after the other.
/// </summary>
internal sealed partial class HookDispatcher : IBackgroundWork
{
    private readonly BuildkiteRuntime _runtime;
    private readonly DeliveryQueues<Hook, Work> _queues;
    private readonly BoundedLog<BuildkiteWebhookDelivery> _deliveries;

    public HookDispatcher(BuildkiteRuntime runtime)
    {
        _runtime = runtime;
        _deliveries = new BoundedLog<BuildkiteWebhookDelivery>(runtime.Options.RequestLogCapacity);
        _queues = new DeliveryQueues<Hook, Work>(firstId: 1, runtime.Options.WebhookTimeout, async (hook, work, stopping) => _deliveries.Add(await SendAsync(hook, work, stopping)));
        runtime.State.BuildChanged = OnBuildChanged;
    }

    public IReadOnlyList<BuildkiteWebhookDelivery> Deliveries => _deliveries.Snapshot();

    public long Subscribe(Uri url, string token, BuildkiteWebhookAuth auth, IReadOnlyCollection<string> events) =>
        _queues.Add(id => new Hook(id, url, token, auth, [.. events])).Id;

    /// <summary>What the subscription still has queued is delivered.</summary>
    public bool Unsubscribe(long id) => _queues.Remove(id, dropQueued: false);

    public void SignWith(long id, string? token) => Find(id).SigningToken = token;

    public void ShiftSignatureTime(long id, TimeSpan offset) => Find(id).TimestampOffset = offset;

    /// <summary>Queues a <c>ping</c> (<c>{"event","service","organization","sender"}</c>), as Buildkite sends when the settings change.</summary>
    public void Ping(long id)
    {
        var hook = Find(id);
        var organization = _runtime.State.Organizations() is [var first, ..] ? first : null;
        _queues.Enqueue(hook, new Work(HookEvents.Ping, null, null, new JsonObject
        {
            ["event"] = HookEvents.Ping,
            ["service"] = new JsonObject { ["id"] = State.BuildkiteState.DeterministicId($"hook:{id}"), ["provider"] = "webhook", ["settings"] = new JsonObject { ["url"] = hook.Url.AbsoluteUri } },
            ["organization"] = organization is null ? null : BuildkiteJson.Organization(organization, _runtime),
            ["sender"] = Sender(),
        }));
    }

    public Task WhenDeliveredAsync(CancellationToken cancellationToken) => _queues.WhenDeliveredAsync(cancellationToken);

    public void ClearDeliveries() => _deliveries.Clear();

    public async Task StopAsync()
    {
        _runtime.State.BuildChanged = null;
        await _queues.StopAsync();
    }

    public void Dispose() => _queues.Dispose();

    /// <summary>Inside the state's lock: decides the events and queues them, nothing slow.</summary>
    private void OnBuildChanged(BuildkiteBuild? before, BuildkiteBuild after)
    {
        var hooks = _queues.All;
        if (hooks.Count == 0)
        {
            return;
        }

        var pipeline = _runtime.State.Pipeline(after.Organization, after.Pipeline);
        foreach (var (name, job) in HookEvents.Of(before, after))
        {
            foreach (var hook in hooks.Where(hook => hook.Wants(name)))
            {
                _queues.Enqueue(hook, new Work(name, after, pipeline, job is null ? null : new JsonObject { ["job"] = job.Id }));
            }
        }
    }

    private Hook Find(long id) => _queues.Find(id) ?? throw new KeyNotFoundException($"No webhook {id}.");

    /// <param name="Payload">The whole body of a ping; for a job event, which job (by id).</param>
    private sealed record Work(string Event, BuildkiteBuild? Build, BuildkitePipeline? Pipeline, JsonObject? Payload);

    private sealed class Hook(long id, Uri url, string token, BuildkiteWebhookAuth auth, HashSet<string> events) : IWebhookSubscription
    {
        public long Id { get; } = id;

        public Uri Url { get; } = url;

        public string Token { get; } = token;

        public BuildkiteWebhookAuth Auth { get; } = auth;

        public string? SigningToken { get; set; }

        public TimeSpan TimestampOffset { get; set; }

        public bool Wants(string name) =>
            events.Contains("*") || events.Contains(name) || events.Contains(name[..(name.IndexOf('.', StringComparison.Ordinal) + 1)] + "*");
    }
}
