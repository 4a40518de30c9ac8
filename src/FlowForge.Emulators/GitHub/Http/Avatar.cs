using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.GitHub.Http;

/// <summary>Serves the <c>avatar_url</c>s the emulator hands out, so a dashboard on the demo shows faces, not broken images.</summary>
internal static class Avatar
{
    public static async Task HandleAsync(HttpContext context)
    {
        var id = long.TryParse((context.Request.Path.Value ?? "").Trim('/'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var hue = id * 137 % 360;
        var svg = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\"><rect width=\"64\" height=\"64\" fill=\"hsl({hue},55%,55%)\"/><circle cx=\"32\" cy=\"26\" r=\"12\" fill=\"#fff\"/><rect x=\"14\" y=\"42\" width=\"36\" height=\"22\" rx=\"11\" fill=\"#fff\"/></svg>"));
        context.Response.ContentType = "image/svg+xml";
        context.Response.Headers.CacheControl = "max-age=300";
        context.Response.ContentLength = svg.Length;
        await context.Response.Body.WriteAsync(svg, context.RequestAborted);
    }
}
