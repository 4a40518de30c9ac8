using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace FlowForge.Emulators.Buildkite.Http;

/// <summary>Buildkite's <c>page</c>/<c>per_page</c> paging (30 by default, 100 at most) and its <c>Link</c> header.</summary>
internal static class Pages
{
    public const int DefaultPerPage = 30;
    public const int MaxPerPage = 100;

    /// <summary>One page of <paramref name="items"/> as a JSON array, with <c>Link</c> (next, prev, first, last: those that apply).</summary>
    public static Reply Of<T>(HttpContext context, IReadOnlyList<T> items, Func<T, JsonNode> render, BuildkiteRuntime runtime)
    {
        var query = context.Request.Query;
        var perPage = int.TryParse(query["per_page"], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0 ? Math.Min(size, MaxPerPage) : DefaultPerPage;
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : 1;
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var slice = items.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * perPage)).Take(perPage);
        var reply = Reply.Json(new JsonArray([.. slice.Select(render)]));
        if (last == 1 && page == 1)
        {
            return reply;
        }

        var links = new List<string>();
        if (page < last)
        {
            links.Add(Link(context, runtime, page + 1, "next"));
        }

        if (page > 1)
        {
            links.Add(Link(context, runtime, Math.Min(page - 1, last), "prev"));
            links.Add(Link(context, runtime, 1, "first"));
        }

        if (page < last)
        {
            links.Add(Link(context, runtime, last, "last"));
        }

        return reply.WithHeader("Link", string.Join(", ", links));
    }

    private static string Link(HttpContext context, BuildkiteRuntime runtime, int page, string relation)
    {
        var parameters = context.Request.Query
            .Where(pair => pair.Key != "page")
            .SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value)))
            .Append(KeyValuePair.Create("page", (string?)page.ToString(CultureInfo.InvariantCulture)));
        var url = QueryHelpers.AddQueryString(new Uri(runtime.Root, context.Request.Path.Value?.TrimStart('/')).AbsoluteUri, parameters);
        return $"<{url}>; rel=\"{relation}\"";
    }
}
