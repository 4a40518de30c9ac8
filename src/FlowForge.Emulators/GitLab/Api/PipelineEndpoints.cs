using System.Text.Json;
using FlowForge.Emulators.GitLab.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowForge.Emulators.GitLab.Api;

/// <summary>A project's pipelines: list (newest first, filtered), one, its jobs; create, retry and cancel.</summary>
internal static class PipelineEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        Endpoint.Get(api, "/projects/{id}/pipelines", (context, runtime) =>
        {
            if (Endpoint.Project(context, runtime) is not { } project)
            {
                return Endpoint.ProjectNotFound();
            }

            var pipelines = runtime.State.Pipelines(project.Id)

                // Child pipelines are left out unless asked for by source, as on GitLab.
                .Where(pipeline => Endpoint.Query(context, "source") is { } source ? pipeline.Source == source : pipeline.Source != "parent_pipeline")
                .Where(pipeline => Endpoint.Query(context, "ref") is not { } gitRef || pipeline.Ref == gitRef)
                .Where(pipeline => Endpoint.Query(context, "status") is not { } status || pipeline.Status == status)
                .Where(pipeline => Endpoint.Query(context, "sha") is not { } sha || pipeline.Sha == sha)
                .Where(pipeline => Endpoint.Query(context, "username") is not { } username || pipeline.Username == username)
                .Where(pipeline => Endpoint.Query(context, "scope") switch
                {
                    "running" => pipeline.Status == GitLabStatus.Running,
                    "pending" => pipeline.Status == GitLabStatus.Pending,
                    "finished" => pipeline.IsFinished,
                    "tags" => pipeline.Tag,
                    "branches" => !pipeline.Tag,
                    _ => true,
                })
                .Where(pipeline => !DateTimeOffset.TryParse(Endpoint.Query(context, "updated_after"), out var after) || pipeline.UpdatedAt > after)
                .ToList();
            IReadOnlyList<GitLabPipeline> ordered = Endpoint.Query(context, "order_by") == "updated_at"
                ? [.. pipelines.OrderByDescending(pipeline => pipeline.UpdatedAt)]
                : pipelines;
            if (Endpoint.Query(context, "sort") == "asc")
            {
                ordered = [.. ordered.Reverse()];
            }

            return Paging.Offset(context.Request, runtime.ApiBase, ordered, page => Endpoint.Array(runtime, page, PipelineJson.Basic));
        });

        Endpoint.Get(api, "/projects/{id}/pipelines/{pipelineId}", (context, runtime) =>
            Find(context, runtime) is { } pipeline
                ? Endpoint.Json(StatusCodes.Status200OK, runtime, (w, render) => PipelineJson.Full(w, pipeline, render))
                : ApiResult.Message(StatusCodes.Status404NotFound, "404 Not found"));

        Endpoint.Get(api, "/projects/{id}/pipelines/{pipelineId}/jobs", (context, runtime) =>
        {
            if (Find(context, runtime) is not { } pipeline)
            {
                return ApiResult.Message(StatusCodes.Status404NotFound, "404 Not found");
            }

            var scopes = context.Request.Query["scope[]"].Concat(context.Request.Query["scope"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var jobs = (Endpoint.Flag(context, "include_retried") ? pipeline.Jobs : pipeline.LatestJobs)
                .Where(job => scopes.Count == 0 || scopes.Contains(job.Status))
                .OrderByDescending(job => job.Id)
                .ToList();
            return Paging.Offset(context.Request, runtime.ApiBase, jobs, page => Endpoint.Array(runtime, page, (w, job, render) => PipelineJson.Job(w, job, pipeline, render)));
        });

        Endpoint.Post(api, "/projects/{id}/pipeline", CreateAsync);

        Endpoint.Post(api, "/projects/{id}/pipelines/{pipelineId}/retry", (context, runtime) => Task.FromResult<IResult>(
            Find(context, runtime) is { } pipeline
                ? Endpoint.Json(StatusCodes.Status201Created, runtime, (w, render) => PipelineJson.Full(w, runtime.State.Retry(pipeline.Id, Endpoint.Caller(context).Username), render))
                : ApiResult.Message(StatusCodes.Status404NotFound, "404 Not found")));

        // 200 whatever the pipeline's state (GitLab issue 414963): a finished pipeline comes back unchanged.
        Endpoint.Post(api, "/projects/{id}/pipelines/{pipelineId}/cancel", (context, runtime) => Task.FromResult<IResult>(
            Find(context, runtime) is { } pipeline
                ? Endpoint.Json(StatusCodes.Status200OK, runtime, (w, render) => PipelineJson.Full(w, runtime.State.Cancel(pipeline.Id), render))
                : ApiResult.Message(StatusCodes.Status404NotFound, "404 Not found")));
    }

    /// <summary>
    /// <c>POST /projects/:id/pipeline</c>: <c>ref</c> in the query or the JSON body, <c>variables</c> as an array of
    /// <c>{key, value, variable_type}</c>, <c>inputs</c> as a hash checked against the CI file's <c>spec:inputs</c>.
    /// Refusals are GitLab's 400 <c>{"message": {"base": [...]}}</c>.
    /// </summary>
    private static async Task<IResult> CreateAsync(HttpContext context, GitLabRuntime runtime)
    {
        if (Endpoint.Project(context, runtime) is not { } project)
        {
            return Endpoint.ProjectNotFound();
        }

        JsonElement body = default;
        if (context.Request.ContentLength > 0 || context.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
                body = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return ApiResult.Message(StatusCodes.Status400BadRequest, "400 Bad request - The provided content-type 'application/json' is not supported or the body is not JSON.");
            }
        }

        var hasBody = body.ValueKind == JsonValueKind.Object;
        var gitRef = Endpoint.Query(context, "ref") ?? (hasBody && body.TryGetProperty("ref", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null);
        if (string.IsNullOrEmpty(gitRef))
        {
            return new ApiResult(StatusCodes.Status400BadRequest, JsonText.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("error", "ref is missing");
                w.WriteEndObject();
            }));
        }

        var variables = hasBody && body.TryGetProperty("variables", out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(item => new GitLabVariable(
                Text(item, "key") ?? "",
                Text(item, "value") ?? "",
                Text(item, "variable_type") ?? "env_var")).ToList()
            : [];
        var inputs = hasBody && body.TryGetProperty("inputs", out var i) && i.ValueKind == JsonValueKind.Object
            ? i.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.Clone(), StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);

        var (pipeline, errors) = runtime.State.CreateFromApi(project.Id, gitRef, Endpoint.Caller(context).Username, variables, inputs);
        if (pipeline is null)
        {
            return new ApiResult(StatusCodes.Status400BadRequest, JsonText.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("message");
                w.WriteStartArray("base");
                foreach (var error in errors)
                {
                    w.WriteStringValue(error);
                }

                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }));
        }

        return Endpoint.Json(StatusCodes.Status201Created, runtime, (w, render) => PipelineJson.Full(w, pipeline, render));
    }

    private static GitLabPipeline? Find(HttpContext context, GitLabRuntime runtime) =>
        Endpoint.Project(context, runtime) is { } project && Endpoint.Id(context, "pipelineId") is { } id
            && runtime.State.Pipeline(id) is { } pipeline && pipeline.ProjectId == project.Id
                ? pipeline
                : null;

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}
