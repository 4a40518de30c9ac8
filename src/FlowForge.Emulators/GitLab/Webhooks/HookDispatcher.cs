using System.Globalization;
using System.Threading.Channels;

namespace FlowForge.Emulators.GitLab.Webhooks;

/// <summary>
/// Turns pipeline and job changes into webhook deliveries. A change is queued where it happens (inside the state's
/// lock, so each subscription's queue keeps the order of changes); each subscription has its own consumer that POSTs
/// its deliveries one after the other, so a slow or dead receiver delays only its own. Every attempt is recorded.
/// </summary>
internal sealed partial class HookDispatcher : IDisposable
{
    public const string PipelineEvent = "Pipeline Hook";
    public const string JobEvent = "Job Hook";
    private const string UserAgent = "GitLab/18.6.0";

    private readonly GitLabRuntime _runtime;
    private readonly HttpClient _http;
    private readonly Lock _gate = new();
    private readonly LinkedList<GitLabHookDelivery> _deliveries = new();
    private Subscription[] _subscriptions = [];
    private long _nextId = 1;
    private int _pending;
    private TaskCompletionSource _idle = Completed();
    private bool _stopped;

    public HookDispatcher(GitLabRuntime runtime)
    {
        _runtime = runtime;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = runtime.Options.WebhookTimeout,
        };
        runtime.State.PipelineChanged = OnPipelineChanged;
    }

    public IReadOnlyList<GitLabHookSubscription> Subscriptions => [.. Volatile.Read(ref _subscriptions).Select(subscription => subscription.Info)];

    public IReadOnlyList<GitLabHookDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    public GitLabHookSubscription Subscribe(Uri url, string token, IReadOnlyList<string> events)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            var subscription = new Subscription(
                new GitLabHookSubscription(_nextId++, url, [.. events], _runtime.Time.GetUtcNow()), token, Guid.NewGuid().ToString());
            _subscriptions = [.. _subscriptions, subscription];
            subscription.Consumer = Task.Run(() => ConsumeAsync(subscription));
            return subscription.Info;
        }
    }

    public bool Unsubscribe(long id)
    {
        lock (_gate)
        {
            var subscription = Array.Find(_subscriptions, candidate => candidate.Info.Id == id);
            if (subscription is null)
            {
                return false;
            }

            _subscriptions = [.. _subscriptions.Where(candidate => candidate != subscription)];
            subscription.Queue.Writer.TryComplete();
            return true;
        }
    }

    /// <summary>Negative-test knob: the subscription's next deliveries carry <paramref name="token"/> instead of its secret (null: back to it).</summary>
    public void SendWithToken(long id, string? token) =>
        (Array.Find(Volatile.Read(ref _subscriptions), candidate => candidate.Info.Id == id)
            ?? throw new KeyNotFoundException($"No webhook {id}.")).TokenOverride = token;

    public void ClearDeliveries()
    {
        lock (_gate)
        {
            _deliveries.Clear();
        }
    }

    /// <summary>Sends a recorded delivery again with the same headers and body (GitLab's "Resend request").</summary>
    public Task<GitLabHookDelivery> RedeliverAsync(string deliveryId, CancellationToken cancellationToken)
    {
        GitLabHookDelivery original;
        Subscription subscription;
        lock (_gate)
        {
            original = _deliveries.FirstOrDefault(delivery => delivery.Id == deliveryId) ?? throw new KeyNotFoundException($"No delivery '{deliveryId}' was recorded.");
            subscription = Array.Find(_subscriptions, candidate => candidate.Info.Id == original.SubscriptionId)
                ?? throw new InvalidOperationException($"Webhook {original.SubscriptionId} was removed.");
        }

        return SendAsync(subscription, new Work(original.Id, original.Event, original.Body, original.Headers, Redelivery: true), cancellationToken);
    }

    public async Task WhenDeliveredAsync(CancellationToken cancellationToken)
    {
        Task idle;
        lock (_gate)
        {
            idle = _pending == 0 ? Task.CompletedTask : _idle.Task;
        }

        await idle.WaitAsync(cancellationToken);
    }

    public async Task StopAsync()
    {
        Subscription[] subscriptions;
        lock (_gate)
        {
            _stopped = true;
            subscriptions = _subscriptions;
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Queue.Writer.TryComplete();
        }

        await Task.WhenAll(subscriptions.Select(subscription => subscription.Consumer ?? Task.CompletedTask));
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A pipeline delivery when its status changed (or it is new), a job delivery for each job whose status changed.</summary>
    private void OnPipelineChanged(GitLabPipeline? before, GitLabPipeline after)
    {
        if (Volatile.Read(ref _subscriptions).Length == 0 || _runtime.State.Project(after.ProjectId.ToString(CultureInfo.InvariantCulture)) is not { } project)
        {
            return;
        }

        // A new pipeline is announced before its jobs; otherwise jobs move first and the pipeline's status follows them.
        var render = _runtime.Render();
        if (before is null)
        {
            Enqueue("pipeline", PipelineEvent, () => HookPayloads.Pipeline(after, project, render));
        }

        foreach (var job in after.Jobs.Where(job => before?.Jobs.FirstOrDefault(old => old.Id == job.Id)?.Status != job.Status))
        {
            Enqueue("job", JobEvent, () => HookPayloads.Job(job, after, project, render));
        }

        if (before is not null && before.Status != after.Status)
        {
            Enqueue("pipeline", PipelineEvent, () => HookPayloads.Pipeline(after, project, render));
        }
    }

    private void Enqueue(string kind, string eventName, Func<byte[]> payload)
    {
        byte[]? body = null;
        foreach (var subscription in Volatile.Read(ref _subscriptions).Where(candidate => candidate.Info.Events.Contains(kind, StringComparer.Ordinal)))
        {
            body ??= payload();
            var id = Guid.NewGuid().ToString();
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = "application/json",
                ["User-Agent"] = UserAgent,
                ["X-Gitlab-Event"] = eventName,
                ["X-Gitlab-Event-UUID"] = id,
                ["X-Gitlab-Webhook-UUID"] = subscription.WebhookUuid,
                ["X-Gitlab-Instance"] = _runtime.Web.AbsoluteUri.TrimEnd('/'),
                ["Idempotency-Key"] = id,
            };
            if ((subscription.TokenOverride ?? subscription.Token) is { Length: > 0 } token)
            {
                headers["X-Gitlab-Token"] = token;
            }

            lock (_gate)
            {
                if (_pending++ == 0)
                {
                    _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            if (!subscription.Queue.Writer.TryWrite(new Work(id, eventName, body, headers, Redelivery: false)))
            {
                Done();
            }
        }
    }

    private void Done()
    {
        lock (_gate)
        {
            if (--_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private sealed record Work(string Id, string Event, byte[] Body, IReadOnlyDictionary<string, string> Headers, bool Redelivery);

    private sealed class Subscription(GitLabHookSubscription info, string token, string webhookUuid)
    {
        public GitLabHookSubscription Info { get; } = info;

        public string Token { get; } = token;

        public string WebhookUuid { get; } = webhookUuid;

        public string? TokenOverride { get; set; }

        public Channel<Work> Queue { get; } = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

        public Task? Consumer { get; set; }
    }
}
