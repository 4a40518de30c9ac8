using System.Text.Json.Nodes;
using System.Threading.Channels;
using FlowForge.Emulators.Buildkite.Json;

namespace FlowForge.Emulators.Buildkite.Webhooks;

/// <summary>
/// Turns build changes into webhook deliveries. What to send is decided where the change happens (inside the state's
/// lock, so each subscription's queue keeps the order of changes); each subscription has one consumer that renders,
/// signs and POSTs its deliveries one after the other, so a slow or dead receiver delays only its own deliveries.
/// </summary>
internal sealed partial class HookDispatcher : IDisposable
{
    private readonly BuildkiteRuntime _runtime;
    private readonly HttpClient _http;
    private readonly Lock _gate = new();
    private readonly Queue<BuildkiteWebhookDelivery> _deliveries = new();
    private Hook[] _hooks = [];
    private long _nextId = 1;
    private int _pending;
    private TaskCompletionSource? _idle;
    private bool _stopped;

    public HookDispatcher(BuildkiteRuntime runtime)
    {
        _runtime = runtime;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = runtime.Options.WebhookTimeout,
        })
        {
            Timeout = runtime.Options.WebhookTimeout,
        };
        runtime.State.BuildChanged = OnBuildChanged;
    }

    public IReadOnlyList<BuildkiteWebhookDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    public long Subscribe(Uri url, string token, BuildkiteWebhookAuth auth, IReadOnlyCollection<string> events)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            var hook = new Hook(_nextId++, url, token, auth, [.. events]);
            _hooks = [.. _hooks, hook];
            hook.Consumer = Task.Run(() => ConsumeAsync(hook));
            return hook.Id;
        }
    }

    public bool Unsubscribe(long id)
    {
        Hook? hook;
        lock (_gate)
        {
            hook = Array.Find(_hooks, candidate => candidate.Id == id);
            _hooks = [.. _hooks.Where(candidate => candidate.Id != id)];
        }

        return hook?.Queue.Writer.TryComplete() ?? false;
    }

    public void SignWith(long id, string? token) => Find(id).SigningToken = token;

    public void ShiftSignatureTime(long id, TimeSpan offset) => Find(id).TimestampOffset = offset;

    /// <summary>Queues a <c>ping</c> (<c>{"event","service","organization","sender"}</c>), as Buildkite sends when the settings change.</summary>
    public void Ping(long id)
    {
        var hook = Find(id);
        var organization = _runtime.State.Organizations() is [var first, ..] ? first : null;
        Enqueue(hook, new Work(HookEvents.Ping, null, null, new JsonObject
        {
            ["event"] = HookEvents.Ping,
            ["service"] = new JsonObject { ["id"] = State.BuildkiteState.DeterministicId($"hook:{id}"), ["provider"] = "webhook", ["settings"] = new JsonObject { ["url"] = hook.Url.AbsoluteUri } },
            ["organization"] = organization is null ? null : BuildkiteJson.Organization(organization, _runtime),
            ["sender"] = Sender(),
        }));
    }

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

    public void ClearDeliveries()
    {
        lock (_gate)
        {
            _deliveries.Clear();
        }
    }

    public async Task StopAsync()
    {
        Hook[] hooks;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            hooks = _hooks;
            _hooks = [];
            _idle?.TrySetResult();
        }

        _runtime.State.BuildChanged = null;
        foreach (var hook in hooks)
        {
            hook.Queue.Writer.TryComplete();
        }

        await Task.WhenAll(hooks.Select(hook => hook.Consumer));
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Inside the state's lock: decides the events and queues them, nothing slow.</summary>
    private void OnBuildChanged(BuildkiteBuild? before, BuildkiteBuild after)
    {
        var hooks = Volatile.Read(ref _hooks);
        if (hooks.Length == 0)
        {
            return;
        }

        var pipeline = _runtime.State.Pipeline(after.Organization, after.Pipeline);
        foreach (var (name, job) in HookEvents.Of(before, after))
        {
            foreach (var hook in hooks.Where(hook => hook.Wants(name)))
            {
                Enqueue(hook, new Work(name, after, pipeline, job is null ? null : new JsonObject { ["job"] = job.Id }));
            }
        }
    }

    private void Enqueue(Hook hook, Work work)
    {
        lock (_gate)
        {
            if (_stopped || !hook.Queue.Writer.TryWrite(work))
            {
                return;
            }

            _pending++;
        }
    }

    private async Task ConsumeAsync(Hook hook)
    {
        await foreach (var work in hook.Queue.Reader.ReadAllAsync())
        {
            var delivery = await SendAsync(hook, work);
            lock (_gate)
            {
                if (_deliveries.Count == _runtime.Options.RequestLogCapacity)
                {
                    _deliveries.Dequeue();
                }

                _deliveries.Enqueue(delivery);
                if (--_pending == 0)
                {
                    _idle?.TrySetResult();
                    _idle = null;
                }
            }
        }
    }

    private Hook Find(long id) =>
        Array.Find(Volatile.Read(ref _hooks), hook => hook.Id == id) ?? throw new KeyNotFoundException($"No webhook {id}.");

    /// <param name="Payload">The whole body of a ping; for a job event, which job (by id).</param>
    private sealed record Work(string Event, BuildkiteBuild? Build, BuildkitePipeline? Pipeline, JsonObject? Payload);

    private sealed class Hook(long id, Uri url, string token, BuildkiteWebhookAuth auth, HashSet<string> events)
    {
        public long Id { get; } = id;

        public Uri Url { get; } = url;

        public string Token { get; } = token;

        public BuildkiteWebhookAuth Auth { get; } = auth;

        public Channel<Work> Queue { get; } = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

        public Task Consumer { get; set; } = Task.CompletedTask;

        public string? SigningToken { get; set; }

        public TimeSpan TimestampOffset { get; set; }

        public bool Wants(string name) =>
            events.Contains("*") || events.Contains(name) || events.Contains(name[..(name.IndexOf('.', StringComparison.Ordinal) + 1)] + "*");
    }
}
