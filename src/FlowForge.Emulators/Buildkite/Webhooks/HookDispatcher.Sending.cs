using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FlowForge.Emulators.Buildkite.Json;

namespace FlowForge.Emulators.Buildkite.Webhooks;

/// <summary>Rendering, signing and posting one delivery.</summary>
internal sealed partial class HookDispatcher
{
    private async Task<BuildkiteWebhookDelivery> SendAsync(Hook hook, Work work, CancellationToken stopping)
    {
        var body = Encoding.UTF8.GetBytes(Render(work).ToJsonString());
        var sentAt = _runtime.Time.GetUtcNow();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-Buildkite-Event"] = work.Event,
            ["Content-Type"] = "application/json",
            ["User-Agent"] = "Buildkite-Request",
        };
        var token = hook.SigningToken ?? hook.Token;
        if (hook.Auth == BuildkiteWebhookAuth.Token)
        {
            headers["X-Buildkite-Token"] = token;
        }
        else
        {
            var timestamp = (sentAt + hook.TimestampOffset).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            byte[] signed = [.. Encoding.UTF8.GetBytes(timestamp + "."), .. body];
            var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), signed));
            headers["X-Buildkite-Signature"] = $"timestamp={timestamp},signature={signature}";
        }

        var id = Guid.NewGuid().ToString("D");
        var outcome = await _queues.Poster.PostAsync(hook.Url, body, headers, stopping);
        return new BuildkiteWebhookDelivery(id, hook.Id, work.Event, sentAt, outcome.StatusCode, outcome.Error, body, headers);
    }

    /// <summary><c>{"event","build","pipeline","sender"}</c> (+ <c>job</c>): the build without jobs, as Buildkite sends it.</summary>
    private JsonObject Render(Work work)
    {
        if (work.Build is not { } build)
        {
            return work.Payload!;
        }

        var json = new JsonObject { ["event"] = work.Event };
        if (work.Payload?["job"]?.GetValue<string>() is { } jobId)
        {
            json["job"] = BuildkiteJson.Job(build.Jobs.First(job => job.Id == jobId), build, _runtime);
        }

        json["build"] = BuildkiteJson.Build(build, null, _runtime, includeJobs: false);
        json["pipeline"] = work.Pipeline is null ? null : BuildkiteJson.Pipeline(work.Pipeline, _runtime.State.Builds(build.Organization, build.Pipeline), _runtime);
        json["sender"] = Sender();
        return json;
    }

    private static JsonObject Sender() => new() { ["id"] = State.BuildkiteState.DeterministicId("sender"), ["name"] = "FlowForge Emulator" };
}
