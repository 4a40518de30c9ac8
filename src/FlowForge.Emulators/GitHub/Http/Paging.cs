using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.GitHub.Http;

/// <summary>GitHub's page/per_page paging and its <c>Link</c> header.</summary>
internal readonly record struct Paging(int Page, int PerPage)
{
    public const int DefaultPerPage = 30;
    public const int MaxPerPage = 100;

    public static Paging From(HttpRequest request)
    {
        var perPage = int.TryParse(request.Query["per_page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0
            ? Math.Min(p, MaxPerPage)
            : DefaultPerPage;
        var page = int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        return new Paging(page, perPage);
    }

    public IReadOnlyList<T> Slice<T>(IReadOnlyList<T> items)
    {
        var skip = (long)(Page - 1) * PerPage;
        return skip >= items.Count ? [] : [.. items.Skip((int)skip).Take(PerPage)];
    }

    /// <summary>
    /// GitHub's Link header (prev, next, last, first — only those that apply), or null when everything fits on
    /// the first page. <paramref name="canonicalPath"/> is relative to the API base; GitHub rewrites repository
    /// paths to <c>repositories/{id}/…</c> in these links.
    /// </summary>
    public string? LinkHeader(HttpRequest request, ApiUrls urls, string canonicalPath, int totalCount)
    {
        var lastPage = Math.Max(1, (int)Math.Ceiling(totalCount / (double)PerPage));
        if (Page == 1 && lastPage == 1)
        {
            return null;
        }

        var links = new List<string>(4);
        if (Page > 1)
        {
            links.Add(Link(request, urls, canonicalPath, Page - 1, "prev"));
        }

        if (Page < lastPage)
        {
            links.Add(Link(request, urls, canonicalPath, Page + 1, "next"));
            links.Add(Link(request, urls, canonicalPath, lastPage, "last"));
        }

        if (Page > 1)
        {
            links.Add(Link(request, urls, canonicalPath, 1, "first"));
        }

        return string.Join(", ", links);
    }

    private static string Link(HttpRequest request, ApiUrls urls, string canonicalPath, int page, string relation)
    {
        var query = new StringBuilder();
        foreach (var (key, values) in request.Query)
        {
            if (key.Equals("page", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var value in values)
            {
                query.Append(query.Length == 0 ? '?' : '&')
                    .Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
            }
        }

        query.Append(query.Length == 0 ? '?' : '&').Append("page=").Append(page.ToString(CultureInfo.InvariantCulture));
        return $"<{urls.Api(canonicalPath)}{query}>; rel=\"{relation}\"";
    }
}
