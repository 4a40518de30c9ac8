using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.GitLab.Api;

/// <summary>
/// GitLab's two paging kinds. Offset: <c>page</c>/<c>per_page</c> (20 by default, at most 100) with <c>X-Page</c>,
/// <c>X-Per-Page</c>, <c>X-Next-Page</c>, <c>X-Prev-Page</c>, <c>X-Total</c>, <c>X-Total-Pages</c> and a <c>Link</c>
/// header (prev, next, first, last). Keyset (<c>pagination=keyset</c>, projects ordered by id): only a <c>Link</c>
/// to the next page, which carries <c>id_after</c> (or <c>id_before</c> when sorted descending), and no totals.
/// </summary>
internal static class Paging
{
    public const int DefaultPerPage = 20;
    public const int MaxPerPage = 100;

    public static int PerPage(HttpRequest request) =>
        int.TryParse(request.Query["per_page"], NumberStyles.None, CultureInfo.InvariantCulture, out var perPage) && perPage > 0
            ? Math.Min(perPage, MaxPerPage)
            : DefaultPerPage;

    /// <summary>One offset page of <paramref name="items"/>, rendered by <paramref name="render"/>, with GitLab's headers.</summary>
    public static ApiResult Offset<T>(HttpRequest request, Uri apiBase, IReadOnlyList<T> items, Func<IReadOnlyList<T>, byte[]> render)
    {
        var perPage = PerPage(request);
        var page = int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0 ? asked : 1;
        var totalPages = Math.Max(1, (int)Math.Ceiling(items.Count / (double)perPage));
        var slice = items.Skip((page - 1) * perPage).Take(perPage).ToList();
        var links = new List<string>(4);
        if (page > 1)
        {
            links.Add(Link(request, apiBase, "page", (page - 1).ToString(CultureInfo.InvariantCulture), "prev"));
        }

        if (page < totalPages)
        {
            links.Add(Link(request, apiBase, "page", (page + 1).ToString(CultureInfo.InvariantCulture), "next"));
        }

        links.Add(Link(request, apiBase, "page", "1", "first"));
        links.Add(Link(request, apiBase, "page", totalPages.ToString(CultureInfo.InvariantCulture), "last"));
        return ApiResult.Ok(render(slice))
            .WithHeader("Link", string.Join(", ", links))
            .WithHeader("X-Page", page.ToString(CultureInfo.InvariantCulture))
            .WithHeader("X-Per-Page", perPage.ToString(CultureInfo.InvariantCulture))
            .WithHeader("X-Next-Page", page < totalPages ? (page + 1).ToString(CultureInfo.InvariantCulture) : "")
            .WithHeader("X-Prev-Page", page > 1 ? (page - 1).ToString(CultureInfo.InvariantCulture) : "")
            .WithHeader("X-Total", items.Count.ToString(CultureInfo.InvariantCulture))
            .WithHeader("X-Total-Pages", totalPages.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>One keyset page: items after (ascending) or before (descending) the request's cursor, ordered by id.</summary>
    public static ApiResult Keyset<T>(HttpRequest request, Uri apiBase, IReadOnlyList<T> items, Func<T, long> id, bool descending, Func<IReadOnlyList<T>, byte[]> render)
    {
        var perPage = PerPage(request);
        var cursorName = descending ? "id_before" : "id_after";
        long? cursor = long.TryParse(request.Query[cursorName], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        var ordered = descending ? items.OrderByDescending(id) : items.OrderBy(id);
        var remaining = ordered.Where(item => cursor is null || (descending ? id(item) < cursor : id(item) > cursor)).ToList();
        var slice = remaining.Take(perPage).ToList();
        var result = ApiResult.Ok(render(slice)).WithHeader("X-Per-Page", perPage.ToString(CultureInfo.InvariantCulture));
        return remaining.Count > perPage
            ? result.WithHeader("Link", Link(request, apiBase, cursorName, id(slice[^1]).ToString(CultureInfo.InvariantCulture), "next"))
            : result;
    }

    /// <summary>The request's own URL (absolute, under the API base) with one query parameter set.</summary>
    private static string Link(HttpRequest request, Uri apiBase, string parameter, string value, string relation)
    {
        var query = new StringBuilder();
        foreach (var (key, values) in request.Query.Where(pair => pair.Key != parameter))
        {
            foreach (var item in values)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(item ?? ""));
            }
        }

        query.Append(query.Length == 0 ? '?' : '&').Append(parameter).Append('=').Append(value);
        var path = request.Path.Value![GitLabRuntime.ApiPath.Value!.Length..].TrimStart('/');
        return $"<{new Uri(apiBase, path)}{query}>; rel=\"{relation}\"";
    }
}
