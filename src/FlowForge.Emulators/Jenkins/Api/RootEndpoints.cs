using System.Globalization;
using FlowForge.Emulators.Jenkins.Http;
using FlowForge.Emulators.Jenkins.Json;
using FlowForge.Emulators.Jenkins.State;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Jenkins.Api;

/// <summary>The root's own resources: <c>whoAmI</c>, the crumb issuer and the queue.</summary>
internal static class RootEndpoints
{
    private static readonly string[] Anonymous = ["anonymous"];
    private static readonly string[] Authenticated = ["authenticated"];

    public static JenkinsResponse? Route(JenkinsRequest request, string[] rest) => rest switch
    {
        ["whoAmI", "api", "json"] => request.Export(WhoAmI(request)),
        ["crumbIssuer", "api", "json"] => Crumb(request),
        ["queue", "api", "json"] => request.Export(QueueJson.Queue(request.Runtime.State)),
        ["queue", "item", var id, "api", "json"] => QueueItem(request, id),
        ["queue", "cancelItem"] => request.IsPost ? CancelItem(request) : JenkinsRequest.RequiresPost(),
        _ => null,
    };

    /// <summary><c>hudson.security.WhoAmI</c>: who the credentials authenticated, and as what.</summary>
    private static ExportedObject WhoAmI(JenkinsRequest request)
    {
        var user = request.User;
        return new ExportedObject("hudson.security.WhoAmI")
            .Add("anonymous", user is null)
            .Add("authenticated", true)
            .Add("authorities", user is null ? Anonymous : Authenticated)
            .Add("name", user ?? "anonymous");
    }

    /// <summary>A crumb for the caller's session, or a new session (its cookie set) when it has none.</summary>
    private static JenkinsResponse Crumb(JenkinsRequest request)
    {
        var crumbs = request.Runtime.Crumbs;
        var known = request.Http.Request.Cookies[crumbs.CookieName];
        var (session, crumb) = crumbs.Issue(known);
        var response = request.Export(new ExportedObject("hudson.security.csrf.DefaultCrumbIssuer")
            .Add("crumb", crumb)
            .Add("crumbRequestField", CrumbIssuer.Field));
        var path = request.Runtime.ContextPath.HasValue ? request.Runtime.ContextPath.Value : "/";
        return session == known ? response : response.WithHeader("Set-Cookie", $"{crumbs.CookieName}={session}; Path={path}; HttpOnly");
    }

    private static JenkinsResponse QueueItem(JenkinsRequest request, string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && request.Runtime.State.Queue.FirstOrDefault(entry => entry.Id == number) is { } entry
            ? request.Export(QueueJson.Of(request.Runtime.State, entry))
            : JenkinsResponse.NotFound();

    /// <summary><c>Queue.doCancelItem</c>: 204 when cancelled, 404 "Provided id (…) not found" once it left the queue.</summary>
    private static JenkinsResponse CancelItem(JenkinsRequest request)
    {
        var id = request.Parameter("id");
        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && request.Runtime.State.CancelQueueItem(number)
            ? JenkinsResponse.Empty(StatusCodes.Status204NoContent)
            : JenkinsResponse.Error(StatusCodes.Status404NotFound, $"Provided id ({id}) not found");
    }
}
