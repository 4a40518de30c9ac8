using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlowForge.Emulators.Jenkins.State;

namespace FlowForge.Emulators.Jenkins.Json;

/// <summary>
/// The Pipeline Stage View's REST API (<c>wfapi</c>, plugin <c>pipeline-stage-view</c>, <c>rest-api/README.md</c>): Jackson
/// beans, not Stapler ones, so no <c>_class</c> and no <c>tree</c>; links are paths under the context path.
/// </summary>
internal static class WfapiJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>…/{build}/wfapi/describe</c> (<c>RunExt</c>): the build and its stages, without their steps.</summary>
    public static byte[] Run(JenkinsState state, BuildState build) => Write(writer =>
    {
        var now = state.Now;
        var end = build.FinishedAt ?? now;
        var firstStage = build.Stages.FirstOrDefault()?.Start ?? build.Timestamp;
        writer.WriteStartObject();
        Links(writer, state, $"{build.Path}wfapi/describe");
        writer.WriteString("id", JenkinsState.Number(build.Number));
        writer.WriteString("name", $"#{build.Number}");
        writer.WriteString("status", build.Building ? StageStatus.InProgress : StageStatus.Of(build.Result ?? JenkinsResult.NotBuilt));
        writer.WriteNumber("startTimeMillis", build.Timestamp.ToUnixTimeMilliseconds());
        writer.WriteNumber("endTimeMillis", end.ToUnixTimeMilliseconds());
        writer.WriteNumber("durationMillis", Math.Max(0, (long)(end - firstStage).TotalMilliseconds));
        writer.WriteNumber("queueDurationMillis", Math.Max(0, (long)(firstStage - build.Timestamp).TotalMilliseconds));
        writer.WriteNumber("pauseDurationMillis", 0);
        writer.WriteStartArray("stages");
        foreach (var stage in build.Stages)
        {
            writer.WriteStartObject();
            Links(writer, state, $"{build.Path}execution/node/{stage.Id}/wfapi/describe");
            Node(writer, stage.Id, stage.Name, stage.ExecNode, stage.Status, stage.Start, stage.End, now, stage.Error);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary><c>…/execution/node/{id}/wfapi/describe</c> of a stage (<c>StageNodeExt</c>): the stage with its steps.</summary>
    public static byte[] Stage(JenkinsState state, BuildState build, StageState stage) => Write(writer =>
    {
        writer.WriteStartObject();
        Links(writer, state, $"{build.Path}execution/node/{stage.Id}/wfapi/describe");
        Node(writer, stage.Id, stage.Name, stage.ExecNode, stage.Status, stage.Start, stage.End, state.Now, stage.Error);
        writer.WriteStartArray("stageFlowNodes");
        foreach (var step in stage.Steps)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("_links");
            Href(writer, "self", state, $"{build.Path}execution/node/{step.Id}/wfapi/describe");
            Href(writer, "log", state, $"{build.Path}execution/node/{step.Id}/wfapi/log");
            writer.WriteEndObject();
            Node(writer, step.Id, step.Spec.Name, stage.ExecNode, step.Status, step.Start, step.End, state.Now, step.Error);
            writer.WriteString("parameterDescription", step.Spec.Argument ?? "");
            writer.WriteStartArray("parentNodes");
            writer.WriteStringValue(step.ParentId);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary><c>…/execution/node/{id}/wfapi/log</c> of a step (<c>FlowNodeLogExt</c>).</summary>
    public static byte[] Log(JenkinsState state, BuildState build, StepState step) => Write(writer =>
    {
        var text = step.Spec.Name == "Shell Script" ? $"+ {step.Spec.Argument}\n" : $"{step.Spec.Name}\n";
        writer.WriteStartObject();
        writer.WriteString("nodeId", step.Id);
        writer.WriteString("nodeStatus", step.Status);
        writer.WriteNumber("length", Encoding.UTF8.GetByteCount(text));
        writer.WriteBoolean("hasMore", false);
        writer.WriteString("text", text);
        writer.WriteString("consoleUrl", $"{state.BaseUrl.AbsolutePath}{build.Path}execution/node/{step.Id}/log");
        writer.WriteEndObject();
    });

    private static void Node(
        Utf8JsonWriter writer, string id, string name, string execNode, string status, DateTimeOffset start, DateTimeOffset? end, DateTimeOffset now, string? error)
    {
        writer.WriteString("id", id);
        writer.WriteString("name", name);
        writer.WriteString("execNode", execNode);
        writer.WriteString("status", status);
        if (error is not null)
        {
            writer.WriteStartObject("error");
            writer.WriteString("message", error);
            writer.WriteString("type", "hudson.AbortException");
            writer.WriteEndObject();
        }

        writer.WriteNumber("startTimeMillis", start.ToUnixTimeMilliseconds());
        writer.WriteNumber("durationMillis", Math.Max(0, (long)((end ?? now) - start).TotalMilliseconds));
        writer.WriteNumber("pauseDurationMillis", 0);
    }

    private static void Links(Utf8JsonWriter writer, JenkinsState state, string self)
    {
        writer.WriteStartObject("_links");
        Href(writer, "self", state, self);
        writer.WriteEndObject();
    }

    private static void Href(Utf8JsonWriter writer, string name, JenkinsState state, string path)
    {
        writer.WriteStartObject(name);
        writer.WriteString("href", state.BaseUrl.AbsolutePath + path);
        writer.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
