using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static FlowForge.Emulators.Infrastructure.Control.ControlJson;

namespace FlowForge.Emulators.Jenkins.Api;

/// <summary>
/// <c>/_emulator/…</c> (under the context path): the scenario, faults and logs over HTTP, for scripting from a shell.
/// Thin wrappers around the C# API; no authentication, no faults, not recorded. Bodies are camelCase JSON.
/// </summary>
internal static class ControlEndpoints
{
    public static async Task HandleAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<JenkinsRuntime>();
        var scenario = new JenkinsScenario(runtime.State);
        var path = context.Request.Path.Value![(runtime.ControlPath.Value!.Length)..].Trim('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var body = await ReadObjectAsync(context);
        var result = Answer(() => (context.Request.Method, segments) switch
        {
            ("POST", ["folders"]) => Created(Flag(body, "multibranch")
                ? scenario.AddMultibranchProject(Required(body, "fullName"), Optional(body, "description"))
                : scenario.AddFolder(Required(body, "fullName"), Optional(body, "description"))),
            ("POST", ["jobs"]) => Created(Optional(body, "kind") == "freestyle"
                ? scenario.AddFreestyleJob(Required(body, "fullName"), JobSpec(body))
                : scenario.AddPipelineJob(Required(body, "fullName"), JobSpec(body))),
            ("POST", ["branches"]) => Created(scenario.AddBranch(Required(body, "project"), Required(body, "branch"), JobSpec(body))),
            ("POST", ["jobs", "disabled"]) => NoContent(() => scenario.SetDisabled(Required(body, "job"), Flag(body, "disabled"))),
            ("POST", ["queue"]) => Created(scenario.QueueBuild(Required(body, "job"), BuildSpec(body))),
            ("POST", ["queue", var id, "start"]) => Ok(scenario.StartBuild(long.Parse(id, CultureInfo.InvariantCulture))),
            ("DELETE", ["queue", var id]) => NoContent(() => scenario.CancelQueueItem(long.Parse(id, CultureInfo.InvariantCulture))),
            ("GET", ["queue"]) => Ok(scenario.QueueItems()),
            ("POST", ["builds", "advance"]) => Ok(scenario.AdvanceBuild(Required(body, "job"), Number(body))),
            ("POST", ["builds", "complete"]) => Ok(scenario.CompleteBuild(Required(body, "job"), Number(body), Required(body, "result"))),
            ("POST", ["builds", "history"]) => Created(scenario.AddCompletedBuild(
                Required(body, "job"),
                BuildSpec(body),
                Required(body, "result"),
                runtime.Time.GetUtcNow() - TimeSpan.FromMinutes(Double(body, "minutesAgo") ?? 60),
                TimeSpan.FromSeconds(Double(body, "durationSeconds") ?? 90))),
            ("GET", ["triggers"]) => Ok(scenario.Triggers()),
            ("POST", ["faults"]) => NoContent(() => runtime.Faults.FailNext(Count(body), Fault(body))),
            ("DELETE", ["faults"]) => NoContent(runtime.Faults.Clear),
            ("GET", ["requests"]) => Ok(runtime.Requests.Snapshot()),
            ("DELETE", ["requests"]) => NoContent(runtime.Requests.Clear),
            ("POST", ["users"]) => NoContent(() => scenario.AddUser(Required(body, "user"), Required(body, "token"))),
            ("DELETE", ["tokens", var token]) => NoContent(() => scenario.RevokeToken(token)),
            _ => Problem(StatusCodes.Status404NotFound, $"No scripting endpoint {context.Request.Method} /_emulator/{path}."),
        });

        await result.ExecuteAsync(context);
    }

    private static JenkinsJobSpec JobSpec(JsonElement body) => new(
        Optional(body, "description"),
        Property(body, "parameters") is { ValueKind: JsonValueKind.Array } parameters
            ? [.. parameters.EnumerateArray().Select(parameter => new JenkinsParameterSpec(
                Required(parameter, "name"),
                Enum.Parse<JenkinsParameterType>(Optional(parameter, "type") ?? "String", ignoreCase: true),
                Optional(parameter, "default"),
                Property(parameter, "choices") is { ValueKind: JsonValueKind.Array } choices ? [.. choices.EnumerateArray().Select(choice => choice.GetString() ?? "")] : null,
                Optional(parameter, "description")))]
            : null,
        Property(body, "stages") is { ValueKind: JsonValueKind.Array } stages
            ? [.. stages.EnumerateArray().Select(stage => new JenkinsStageSpec(
                Required(stage, "name"),
                Property(stage, "steps") is { ValueKind: JsonValueKind.Array } steps
                    ? [.. steps.EnumerateArray().Select(step => new JenkinsStepSpec(Required(step, "name"), Optional(step, "argument")))]
                    : [new JenkinsStepSpec("Shell Script", "make")]))]
            : null,
        Flag(body, "disabled"),
        Property(body, "concurrentBuilds") is not { ValueKind: JsonValueKind.False });

    private static JenkinsBuildSpec BuildSpec(JsonElement body) => new(
        Required(body, "commitMessage"),
        Optional(body, "authorName") ?? "Jenkins Admin",
        Optional(body, "authorEmail") ?? "admin@example.com",
        Optional(body, "cause") ?? JenkinsCause.User,
        Optional(body, "userId"),
        Optional(body, "sha"),
        Property(body, "parameters") is { ValueKind: JsonValueKind.Object } parameters
            ? parameters.EnumerateObject().ToDictionary(field => field.Name, field => field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() ?? "" : field.Value.GetRawText())
            : null,
        Optional(body, "branch"));

    private static JenkinsFault Fault(JsonElement body)
    {
        var retryAfter = TimeSpan.FromSeconds(Double(body, "retryAfterSeconds") ?? 60);
        return FaultKind(body) switch
        {
            "unauthorized" => JenkinsFault.Unauthorized,
            "server_error" => JenkinsFault.ServerError,
            "malformed_json" => JenkinsFault.MalformedJson,
            "too_many_requests" => JenkinsFault.TooManyRequests(retryAfter),
            "service_unavailable" => JenkinsFault.ServiceUnavailable(retryAfter),
            "slow_body" => JenkinsFault.SlowBody(TimeSpan.FromMilliseconds(Double(body, "delayMs") ?? 0)),
            var kind => throw new ArgumentException(
                $"Unknown fault kind '{kind}'; expected unauthorized, server_error, malformed_json, too_many_requests, service_unavailable or slow_body."),
        };
    }

    private static int Number(JsonElement body) => (int)(Double(body, "number") ?? throw new ArgumentException("'number' is required."));

    private static IResult NoContent(Action action)
    {
        action();
        return Results.NoContent();
    }

    private static IResult NoContent(Func<bool> action)
    {
        action();
        return Results.NoContent();
    }
}
