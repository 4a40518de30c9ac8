using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using FlowForge.Emulators.GitHub.Json;

namespace FlowForge.Emulators.GitHub.Webhooks;

/// <summary>
/// Turns run changes into signed webhook deliveries. A change is only queued where it happens (inside the state's
/// lock, so each subscription's queue has the changes in the order they happened); each subscription has its own
/// consumer that renders, signs and POSTs them one after the other, so a slow or dead receiver delays nothing but
/// its own deliveries.
/// </summary>
internal sealed class WebhookDispatcher : IDisposable
{
    private const string UserAgent = "GitHub-Hookshot/e1a0f5c";

    private readonly EmulatorRuntime _runtime;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Queue<WebhookDelivery> _deliveries = new();
    private Subscription[] _subscriptions = [];
    private long _nextHookId = 400_000_001;
    private int _pending;
    private TaskCompletionSource? _idle;
    private string? _signatureOverride;
    private bool _stopped;
    private bool _disposed;

    public WebhookDispatcher(EmulatorRuntime runtime)
    {
        _runtime = runtime;
        _http = new HttpClient(new SocketsHttpHandler
        {
            // Receivers are local test servers: no proxy from the environment, no redirects (GitHub follows none).
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = runtime.Options.WebhookTimeout,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        runtime.State.RunChanged = OnRunChanged;
    }

    public WebhookSubscription Subscribe(WebhookSubscriptionOptions options)
    {
        long? repositoryId = null;
        string? repositoryName = null;
        if (options.Repository is { } fullName)
        {
            var repository = _runtime.State.Repository(fullName) ?? throw new KeyNotFoundException($"Repository '{fullName}' does not exist.");
            (repositoryId, repositoryName) = (repository.Id, repository.FullName);
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            var subscription = new Subscription(
                _nextHookId++, options.Url, options.Secret, [.. options.Events], repositoryId, repositoryName, _runtime.Time.GetUtcNow());
            _subscriptions = [.. _subscriptions, subscription];
            subscription.Consumer = Task.Run(() => ConsumeAsync(subscription));
            return subscription.Info;
        }
    }

    public bool Unsubscribe(long subscriptionId)
    {
        Subscription? subscription;
        lock (_gate)
        {
            subscription = Array.Find(_subscriptions, s => s.Id == subscriptionId);
            if (subscription is null)
            {
                return false;
            }

            _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
        }

        // Whatever is still queued for it is dropped, as GitHub drops a deleted hook's pending deliveries.
        subscription.Removed = true;
        subscription.Queue.Writer.TryComplete();
        return true;
    }

    public IReadOnlyList<WebhookSubscription> Subscriptions => [.. Volatile.Read(ref _subscriptions).Select(s => s.Info)];

    public void SignWithSecret(long subscriptionId, string? secret) => Find(subscriptionId).SigningSecret = secret;

    public void SendWithSignature(string? overrideSignature) => Volatile.Write(ref _signatureOverride, overrideSignature);

    public string Ping(long subscriptionId)
    {
        var subscription = Find(subscriptionId);
        var work = NewWork(subscription, WebhookEvents.Ping, null, null, null);
        if (!Enqueue(subscription, work))
        {
            throw new InvalidOperationException($"Webhook {subscriptionId} was removed.");
        }

        return work.DeliveryId;
    }

    public IReadOnlyList<WebhookDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    public void ClearDeliveries()
    {
        lock (_gate)
        {
            _deliveries.Clear();
        }
    }

    /// <summary>Sends a recorded delivery again, exactly as it was (id, body, headers), behind what its subscription has queued.</summary>
    public Task<WebhookDelivery> RedeliverAsync(string deliveryId, CancellationToken cancellationToken)
    {
        WebhookDelivery original;
        Subscription? subscription;
        lock (_gate)
        {
            original = _deliveries.FirstOrDefault(d => d.Id == deliveryId && !d.Redelivery)
                ?? _deliveries.FirstOrDefault(d => d.Id == deliveryId)
                ?? throw new KeyNotFoundException($"No delivery '{deliveryId}' was recorded.");
            subscription = Array.Find(_subscriptions, s => s.Id == original.SubscriptionId);
        }

        if (original.Headers.Count == 0)
        {
            throw new InvalidOperationException($"Delivery '{deliveryId}' was never sent ({original.Error}).");
        }

        var work = new Work
        {
            DeliveryId = original.Id,
            Event = original.Event,
            Action = original.Action,
            Replay = original,
            Completion = new TaskCompletionSource<WebhookDelivery>(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        if (subscription is null || !Enqueue(subscription, work))
        {
            throw new InvalidOperationException($"Webhook {original.SubscriptionId} was removed; its deliveries cannot be redelivered.");
        }

        return work.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes once every delivery queued so far (and any queued meanwhile) has been attempted and recorded.</summary>
    public Task WhenDeliveredAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_pending == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    public async Task StopAsync()
    {
        Subscription[] subscriptions;
        TaskCompletionSource? idle;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            subscriptions = _subscriptions;
            _subscriptions = [];
            idle = _idle;
            _idle = null;
            _pending = 0;
        }

        _runtime.State.RunChanged = null;
        await _stopping.CancelAsync();
        foreach (var subscription in subscriptions)
        {
            subscription.Queue.Writer.TryComplete();
        }

        await Task.WhenAll(subscriptions.Select(s => s.Consumer));
        idle?.TrySetCanceled();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_gate)
        {
            _stopped = true;
        }

        _runtime.State.RunChanged = null;
        _stopping.Cancel();
        _http.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Called inside the state's lock: only decides what to deliver to whom and queues it.</summary>
    private void OnRunChanged(EmulatedRun? before, EmulatedRun after)
    {
        var subscriptions = Volatile.Read(ref _subscriptions);
        if (subscriptions.Length == 0)
        {
            return;
        }

        var events = WebhookEvents.Of(before, after);
        foreach (var subscription in subscriptions)
        {
            if (subscription.RepositoryId is { } only && only != after.RepositoryId)
            {
                continue;
            }

            foreach (var e in events)
            {
                if (subscription.Wants(e.Event))
                {
                    Enqueue(subscription, NewWork(subscription, e.Event, e.Action, e.Run, e.Job));
                }
            }
        }
    }

    private Work NewWork(Subscription subscription, string name, string? action, EmulatedRun? run, EmulatedJob? job) => new()
    {
        DeliveryId = Guid.NewGuid().ToString("D"),
        Event = name,
        Action = action,
        Run = run,
        Job = job,
        Secret = subscription.SigningSecret ?? subscription.Secret,
        SignatureOverride = Volatile.Read(ref _signatureOverride),
    };

    private Subscription Find(long subscriptionId) =>
        Array.Find(Volatile.Read(ref _subscriptions), s => s.Id == subscriptionId)
        ?? throw new KeyNotFoundException($"Webhook {subscriptionId} does not exist.");

    private bool Enqueue(Subscription subscription, Work work)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return false;
            }

            _pending++;
        }

        if (subscription.Queue.Writer.TryWrite(work))
        {
            return true;
        }

        Done();
        return false;
    }

    private void Done()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            if (--_pending == 0)
            {
                idle = _idle;
                _idle = null;
            }
        }

        idle?.TrySetResult();
    }

    private async Task ConsumeAsync(Subscription subscription)
    {
        var reader = subscription.Queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                while (reader.TryRead(out var work))
                {
                    try
                    {
                        if (subscription.Removed)
                        {
                            work.Completion?.TrySetException(new InvalidOperationException($"Webhook {subscription.Id} was removed."));
                            continue;
                        }

                        var delivery = await DeliverAsync(subscription, work);
                        Record(delivery);
                        work.Completion?.TrySetResult(delivery);
                    }
                    catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                    {
                        work.Completion?.TrySetCanceled(_stopping.Token);
                        throw;
                    }
                    finally
                    {
                        Done();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            while (reader.TryRead(out var left))
            {
                left.Completion?.TrySetCanceled(_stopping.Token);
            }
        }
    }

    private async Task<WebhookDelivery> DeliverAsync(Subscription subscription, Work work)
    {
        var sentAt = _runtime.Time.GetUtcNow();
        ReadOnlyMemory<byte> body;
        IReadOnlyDictionary<string, string> headers;
        if (work.Replay is { } replay)
        {
            (body, headers) = (replay.Body, replay.Headers);
        }
        else
        {
            try
            {
                (body, headers) = Prepare(subscription, work);
            }
            catch (InvalidOperationException e)
            {
                // The scenario refers to something the emulator cannot render; keep the failure visible, not the consumer dead.
                return new WebhookDelivery(work.DeliveryId, work.Event, work.Action, subscription.Id, null, "The payload could not be rendered: " + e.Message,
                    sentAt, ReadOnlyMemory<byte>.Empty, ReadOnlyDictionary<string, string>.Empty, false, TimeSpan.Zero);
            }
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ReadOnlyMemoryContent(body) };
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        int? status = null;
        string? error = null;
        var started = Stopwatch.GetTimestamp();
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
        {
            timeout.CancelAfter(_runtime.Options.WebhookTimeout);
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                status = (int)response.StatusCode;
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"We couldn't deliver this payload: timed out after {_runtime.Options.WebhookTimeout.TotalSeconds:0.###} s");
            }
            catch (HttpRequestException e)
            {
                error = "We couldn't deliver this payload: " + e.Message;
            }
        }

        return new WebhookDelivery(work.DeliveryId, work.Event, work.Action, subscription.Id, status, error, sentAt, body, headers,
            work.Replay is not null, Stopwatch.GetElapsedTime(started));
    }

    private (ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers) Prepare(Subscription subscription, Work work)
    {
        var render = _runtime.Render();
        var body = work.Event switch
        {
            WebhookEvents.WorkflowRun => WebhookJson.WorkflowRun(work.Action!, work.Run!, render),
            WebhookEvents.WorkflowJob => WebhookJson.WorkflowJob(work.Action!, work.Job!, work.Run!, render),
            _ => WebhookJson.Ping(subscription.Hook, render),
        };
        var target = work.Run?.RepositoryId ?? subscription.RepositoryId;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Accept"] = "*/*",
            ["Content-Type"] = "application/json",
            ["User-Agent"] = UserAgent,
            ["X-GitHub-Delivery"] = work.DeliveryId,
            ["X-GitHub-Event"] = work.Event,
            ["X-GitHub-Hook-ID"] = subscription.Id.ToString(CultureInfo.InvariantCulture),
            ["X-GitHub-Hook-Installation-Target-Type"] = "repository",
        };
        if (target is { } repositoryId)
        {
            headers["X-GitHub-Hook-Installation-Target-ID"] = repositoryId.ToString(CultureInfo.InvariantCulture);
        }

        if (work.SignatureOverride is { } literal)
        {
            if (literal.Length > 0)
            {
                headers["X-Hub-Signature-256"] = literal;
            }
        }
        else if (work.Secret.Length > 0)
        {
            headers["X-Hub-Signature"] = WebhookSigner.Sha1(work.Secret, body);
            headers["X-Hub-Signature-256"] = WebhookSigner.Sha256(work.Secret, body);
        }

        return (body, headers.AsReadOnly());
    }

    private void Record(WebhookDelivery delivery)
    {
        lock (_gate)
        {
            if (_deliveries.Count == _runtime.Options.RequestLogCapacity)
            {
                _deliveries.Dequeue();
            }

            _deliveries.Enqueue(delivery);
        }
    }

    private sealed class Subscription(
        long id, Uri url, string secret, string[] events, long? repositoryId, string? repositoryName, DateTimeOffset createdAt)
    {
        private string? _signingSecret;
        private volatile bool _removed;

        public long Id => id;

        public Uri Url => url;

        public string Secret => secret;

        public long? RepositoryId => repositoryId;

        public Channel<Work> Queue { get; } = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

        public Task Consumer { get; set; } = Task.CompletedTask;

        /// <summary>Signs with this instead of <see cref="Secret"/> (a negative-test knob); null uses the secret.</summary>
        public string? SigningSecret
        {
            get => Volatile.Read(ref _signingSecret);
            set => Volatile.Write(ref _signingSecret, value);
        }

        public bool Removed
        {
            get => _removed;
            set => _removed = value;
        }

        public WebhookSubscription Info => new(id, url, events, repositoryName, secret.Length > 0, createdAt);

        public HookInfo Hook => new(id, url, events, repositoryId, secret.Length > 0, createdAt);

        public bool Wants(string name) =>
            name == WebhookEvents.Ping || events.Contains("*", StringComparer.Ordinal) || events.Contains(name, StringComparer.Ordinal);
    }

    private sealed class Work
    {
        public required string DeliveryId { get; init; }

        public required string Event { get; init; }

        public string? Action { get; init; }

        public EmulatedRun? Run { get; init; }

        public EmulatedJob? Job { get; init; }

        /// <summary>The secret to sign with, as it was when the change happened.</summary>
        public string Secret { get; init; } = "";

        /// <summary>A literal <c>X-Hub-Signature-256</c> to send instead of the real one ("" sends none).</summary>
        public string? SignatureOverride { get; init; }

        /// <summary>For a redelivery: the recorded delivery to send again byte for byte.</summary>
        public WebhookDelivery? Replay { get; init; }

        public TaskCompletionSource<WebhookDelivery>? Completion { get; init; }
    }
}
