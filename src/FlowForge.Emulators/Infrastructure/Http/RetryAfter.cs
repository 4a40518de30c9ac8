using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Infrastructure.Http;

/// <summary><c>Retry-After</c> in whole seconds, as every emulated provider sends and logs it.</summary>
internal static class RetryAfter
{
    /// <summary>Rounded up, so a client that waits this long is never early.</summary>
    public static string Seconds(TimeSpan wait) => ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The seconds the answer's <c>Retry-After</c> carried, for the request log.</summary>
    public static int? Of(HttpResponse response) =>
        int.TryParse(response.Headers.RetryAfter.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
}
