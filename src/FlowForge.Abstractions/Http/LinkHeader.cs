namespace FlowForge.Abstractions.Http;

/// <summary>Reads RFC 8288 <c>Link</c> headers as GitHub, GitLab and others use them for paging.</summary>
public static class LinkHeader
{
    /// <summary>The target of the link with the given relation, or null.</summary>
    public static Uri? Find(string? headerValue, string relation)
    {
        if (string.IsNullOrEmpty(headerValue))
        {
            return null;
        }

        foreach (var link in headerValue.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var close = link.IndexOf('>', StringComparison.Ordinal);
            if (!link.StartsWith('<') || close < 0)
            {
                continue;
            }

            var target = link[1..close];
            foreach (var parameter in link[(close + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!parameter.StartsWith("rel=", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var relations = parameter[4..].Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (relations.Contains(relation, StringComparer.OrdinalIgnoreCase) && Uri.TryCreate(target, UriKind.Absolute, out var uri))
                {
                    return uri;
                }
            }
        }

        return null;
    }

    public static Uri? FindNext(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var values) ? Find(string.Join(", ", values), "next") : null;
}
