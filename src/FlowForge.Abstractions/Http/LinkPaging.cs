using FlowForge.Abstractions.Providers;

namespace FlowForge.Abstractions.Http;

/// <summary>One page of a list and where the next one is, as a provider's client read it.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, Uri? Next);

/// <summary>
/// Walks a paged list from its first page along the next-page links the provider gives (<c>Link: rel="next"</c>, or a
/// URL built from <c>x-next-page</c>), the same way for every provider: at most a given number of pages, never the same
/// page twice, and never to another origin, where the credential must not go.
/// </summary>
public static class LinkPaging
{
    /// <param name="fetch">Reads one page.</param>
    /// <param name="pageCap">The most pages read; the rest of the list is left unread.</param>
    /// <param name="root">The API the pages belong to; a next link elsewhere is a <see cref="ProviderErrorKind.BadResponse"/>.</param>
    /// <param name="provider">The provider's name, for messages.</param>
    /// <param name="capReached">Told when the cap cut the list short, to log it.</param>
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
        Uri firstPage,
        Func<Uri, CancellationToken, Task<Page<T>>> fetch,
        int pageCap,
        ApiRoot root,
        string provider,
        Action? capReached,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(firstPage);
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageCap);
        var items = new List<T>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (var next = firstPage; next is not null && visited.Add(next.AbsoluteUri);)
        {
            if (visited.Count > pageCap)
            {
                capReached?.Invoke();
                break;
            }

            var page = await fetch(next, cancellationToken);
            items.AddRange(page.Items);
            next = page.Next;
            if (next is not null && !root.IsSameOrigin(next))
            {
                throw new ProviderException(
                    ProviderErrorKind.BadResponse,
                    $"{provider}'s next-page link for {root.Display(HttpMethod.Get, firstPage)} points to another host ({next.Host}); FlowForge does not send the credential there.");
            }
        }

        return items;
    }
}
