using System.Text;
using FlowForge.Emulators.Jenkins.Http;
using FlowForge.Emulators.Jenkins.Json;
using FlowForge.Emulators.Jenkins.State;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Jenkins.Api;

/// <summary>A build's resources: its JSON, console (whole and progressive), stop/term/kill and the Stage View's <c>wfapi</c>.</summary>
internal static class BuildEndpoints
{
    public static JenkinsResponse? Route(JenkinsRequest request, BuildState build, string[] rest)
    {
        var state = request.Runtime.State;
        var pipeline = build.Job.Kind == ItemKind.Pipeline;
        return rest switch
        {
            [] or ["console"] => JenkinsResponse.Page($"{build.Job.FullDisplayName} #{build.Number} [Jenkins]"),
            ["api", "json"] => request.Export(BuildJson.Of(state, build)),
            ["consoleText"] => JenkinsResponse.Text(build.Log.ToString()),
            ["logText", "progressiveText"] => Progressive(request, build),
            ["stop" or "term" or "kill"] => request.IsPost ? Stop(request, build) : JenkinsRequest.RequiresPost(),
            ["wfapi"] or ["wfapi", "describe"] when pipeline => JenkinsResponse.Ok(WfapiJson.Run(state, build)),
            ["execution", "node", var id, "wfapi", "describe"] when pipeline && build.Stages.FirstOrDefault(stage => stage.Id == id) is { } stage =>
                JenkinsResponse.Ok(WfapiJson.Stage(state, build, stage)),
            ["execution", "node", var id, "wfapi", "log"] when pipeline && build.Stages.SelectMany(stage => stage.Steps).FirstOrDefault(step => step.Id == id) is { } step =>
                JenkinsResponse.Ok(WfapiJson.Log(state, build, step)),
            _ => null,
        };
    }

    /// <summary>
    /// <c>LargeText.doProgressText</c>: the log from byte <c>start</c> on (from the beginning when <c>start</c> is past
    /// the end), <c>X-Text-Size</c> the next start, <c>X-More-Data: true</c> while the build runs.
    /// </summary>
    private static JenkinsResponse Progressive(JenkinsRequest request, BuildState build)
    {
        var bytes = Encoding.UTF8.GetBytes(build.Log.ToString());
        var start = long.TryParse(request.Query("start"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;
        if (start > bytes.Length)
        {
            start = 0;
        }

        var response = new JenkinsResponse(StatusCodes.Status200OK, bytes[(int)start..], "text/plain;charset=utf-8")
            .WithHeader("X-Text-Size", JenkinsRuntime.Text(bytes.Length));
        return build.Building ? response.WithHeader("X-More-Data", "true") : response;
    }

    /// <summary>Ends a running build <c>ABORTED</c> (a finished one is left alone) and forwards to the previous page.</summary>
    private static JenkinsResponse Stop(JenkinsRequest request, BuildState build)
    {
        request.Runtime.State.Stop(build, request.User);
        return request.BackTo(new Uri(request.Runtime.State.BaseUrl, build.Path));
    }
}
