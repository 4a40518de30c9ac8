using System.Globalization;
using System.Text.Json;
using FlowForge.Emulators.Jenkins.Http;
using FlowForge.Emulators.Jenkins.State;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Jenkins.Api;

/// <summary>
/// A job's resources: <c>build</c> and <c>buildWithParameters</c> (201 with the queue item's <c>Location</c>, as
/// <c>ParameterizedJobMixIn</c> answers), and its builds by number or permalink.
/// </summary>
internal static class JobEndpoints
{
    /// <summary>Fields that steer the request rather than set a parameter.</summary>
    private static readonly HashSet<string> ControlFields = new(StringComparer.Ordinal) { "delay", "token", "cause", "json", "Submit", CrumbIssuer.Field };

    public static JenkinsResponse? Route(JenkinsRequest request, ItemNode job, string[] rest) => rest switch
    {
        ["build"] => request.IsPost ? Trigger(request, job, "build") : JenkinsRequest.RequiresPost(),
        ["buildWithParameters"] => request.IsPost ? Trigger(request, job, "buildWithParameters") : JenkinsRequest.RequiresPost(),
        [var reference, .. var more] when JenkinsState.Resolve(job.Job!, reference) is { } build => BuildEndpoints.Route(request, build, more),
        _ => null,
    };

    private static JenkinsResponse Trigger(JenkinsRequest request, ItemNode job, string endpoint)
    {
        if (job.Job!.Disabled)
        {
            return JenkinsResponse.Error(StatusCodes.Status409Conflict, $"{job.FullName} is not buildable");
        }

        var parameterized = job.Job.Spec.Parameters is { Count: > 0 };
        Dictionary<string, string> received;
        if (endpoint == "buildWithParameters")
        {
            if (!parameterized)
            {
                return JenkinsResponse.Error(StatusCodes.Status500InternalServerError, "This build is not parameterized!");
            }

            received = Fields(request);
        }
        else if (parameterized)
        {
            // The build form posts json={"parameter":[{"name":…,"value":…}]}; anything else is not a form submission.
            if (ParseJsonForm(request.Parameter("json")) is not { } fromForm)
            {
                return JenkinsResponse.Error(StatusCodes.Status400BadRequest, "Nothing is submitted");
            }

            received = fromForm;
        }
        else
        {
            received = [];
        }

        var state = request.Runtime.State;
        QueueEntry entry;
        try
        {
            entry = state.Schedule(job, endpoint, request.User ?? "anonymous", received, Delay(request.Parameter("delay")) ?? request.Runtime.Options.QuietPeriod);
        }
        catch (ArgumentException exception)
        {
            return JenkinsResponse.Error(StatusCodes.Status500InternalServerError, exception.Message);
        }

        return JenkinsResponse.Redirect(StatusCodes.Status201Created, new Uri(state.BaseUrl, $"queue/item/{entry.Id}/"));
    }

    private static Dictionary<string, string> Fields(JenkinsRequest request)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Http.Request.Query)
        {
            fields[name] = value.ToString();
        }

        foreach (var (name, value) in request.Form)
        {
            fields[name] = value;
        }

        foreach (var control in ControlFields)
        {
            fields.Remove(control);
        }

        return fields;
    }

    private static Dictionary<string, string>? ParseJsonForm(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (document.RootElement.TryGetProperty("parameter", out var parameters))
            {
                foreach (var parameter in parameters.ValueKind == JsonValueKind.Array ? parameters.EnumerateArray() : Enumerable.Repeat(parameters, 1))
                {
                    var value = parameter.GetProperty("value");
                    values[parameter.GetProperty("name").GetString() ?? ""] = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
                }
            }

            return values;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Jenkins' <c>TimeDuration</c>: <c>0sec</c>, <c>5</c> (seconds), <c>500ms</c>, <c>2min</c>.</summary>
    private static TimeSpan? Delay(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var digits = new string([.. text.TakeWhile(char.IsDigit)]);
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        return text[digits.Length..].Trim().ToLowerInvariant() switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "min" or "m" => TimeSpan.FromMinutes(amount),
            _ => TimeSpan.FromSeconds(amount),
        };
    }
}
