using FlowForge.Emulators.Jenkins.State;

namespace FlowForge.Emulators.Jenkins.Json;

/// <summary>
/// The root (<c>hudson.model.Hudson</c>), folders, multibranch projects and jobs as <c>api/json</c> exports them
/// (<c>hudson.model.AbstractItem</c>, <c>Job</c>, <c>WorkflowJob</c>, <c>FreeStyleProject</c>), with their visibilities.
/// </summary>
internal static class ItemJson
{
    public static ExportedObject Of(JenkinsState state, ItemNode node) => node.Kind switch
    {
        ItemKind.Root => Root(state, node),
        ItemKind.Folder or ItemKind.Multibranch => Folder(state, node),
        _ => Job(state, node),
    };

    /// <summary>An item as its parent's <c>jobs</c> list shows it.</summary>
    public static ExportedObject Reference(JenkinsState state, ItemNode node) => node.IsFolder ? Folder(state, node) : Job(state, node);

    private static ExportedObject Root(JenkinsState state, ItemNode root) =>
        new ExportedObject(root.Class)
            .Add("assignedLabels", new[] { new ExportedObject("hudson.model.labels.LabelAtom").Add("name", "built-in") })
            .Add("mode", "NORMAL")
            .Add("nodeDescription", "the Jenkins controller's built-in node")
            .Add("nodeName", "")
            .Add("numExecutors", 2)
            .Add("description", null)
            .Add("jobs", (Func<object?>)(() => root.Children.Select(child => Reference(state, child)).ToList()))
            .Add("overallLoad", new ExportedObject(null))
            .Add("primaryView", AllView(state))
            .Add("quietDownReason", null)
            .Add("quietingDown", false)
            .Add("slaveAgentPort", -1)
            .Add("unlabeledLoad", new ExportedObject("jenkins.model.UnlabeledLoadStatistics"))
            .Add("url", state.BaseUrl.AbsoluteUri)
            .Add("useCrumbs", true)
            .Add("useSecurity", true)
            .Add("views", new[] { AllView(state) });

    private static ExportedObject Folder(JenkinsState state, ItemNode folder) =>
        Common(state, folder, [new ExportedObject(null), new ExportedObject("com.cloudbees.plugins.credentials.ViewCredentialsAction")])
            .Add("healthReport", Array.Empty<object>())
            .Add("jobs", (Func<object?>)(() => folder.Children.Select(child => Reference(state, child)).ToList()))
            .Add("primaryView", AllView(state, folder))
            .Add("views", new[] { AllView(state, folder) });

    private static ExportedObject Job(JenkinsState state, ItemNode node)
    {
        var job = node.Job!;
        var builds = job.Builds.Values;
        var completed = builds.Where(build => !build.Building).ToList();
        List<ExportedObject> actions = [];
        if (ParameterJson.Property(job) is { } definitions)
        {
            actions.Add(definitions);
        }

        actions.Add(new ExportedObject(null));
        actions.Add(new ExportedObject("org.jenkinsci.plugins.displayurlapi.actions.JobDisplayAction"));
        actions.Add(new ExportedObject("com.cloudbees.plugins.credentials.ViewCredentialsAction"));
        var queued = state.Queue.FirstOrDefault(entry => entry.Job == node && !entry.HasLeft);
        var value = Common(state, node, actions)
            .Add("buildable", !job.Disabled)
            .Add("builds", (Func<object?>)(() => builds.Take(100).Select(build => BuildJson.Of(state, build)).ToList()))
            .Add("color", Color(job), visibility: 2)
            .Add("firstBuild", Link(state, builds.LastOrDefault()))
            .Add("healthReport", Array.Empty<object>())
            .Add("inQueue", queued is not null)
            .Add("keepDependencies", false)
            .Add("lastBuild", Link(state, builds.FirstOrDefault()))
            .Add("lastCompletedBuild", Link(state, completed.FirstOrDefault()))
            .Add("lastFailedBuild", Link(state, completed.FirstOrDefault(build => build.Result == JenkinsResult.Failure)))
            .Add("lastStableBuild", Link(state, completed.FirstOrDefault(build => build.Result == JenkinsResult.Success)))
            .Add("lastSuccessfulBuild", Link(state, completed.FirstOrDefault(build => build.Result is JenkinsResult.Success or JenkinsResult.Unstable)))
            .Add("lastUnstableBuild", Link(state, completed.FirstOrDefault(build => build.Result == JenkinsResult.Unstable)))
            .Add("lastUnsuccessfulBuild", Link(state, completed.FirstOrDefault(build => build.Result != JenkinsResult.Success)))
            .Add("nextBuildNumber", job.NextBuildNumber)
            .Add("property", Properties(job), inline: true)
            .Add("queueItem", queued is null ? null : (Func<object?>)(() => QueueJson.Of(state, queued)))
            .Add("concurrentBuild", job.Spec.ConcurrentBuilds)
            .Add("disabled", job.Disabled);
        return node.Kind == ItemKind.Pipeline
            ? value.Add("resumeBlocked", false)
            : value.Add("downstreamProjects", Array.Empty<object>())
                .Add("labelExpression", null)
                .Add("scm", new ExportedObject("hudson.plugins.git.GitSCM"))
                .Add("upstreamProjects", Array.Empty<object>());
    }

    /// <summary>What every item exports (<c>hudson.model.AbstractItem</c>); <c>name</c> and <c>url</c> show at any depth.</summary>
    private static ExportedObject Common(JenkinsState state, ItemNode node, List<ExportedObject> actions) =>
        new ExportedObject(node.Class)
            .Add("actions", actions)
            .Add("description", node.Description)
            .Add("displayName", node.DisplayName)
            .Add("displayNameOrNull", node.Branch)
            .Add("fullDisplayName", node.FullDisplayName)
            .Add("fullName", node.FullName)
            .Add("name", node.Name, visibility: 999)
            .Add("url", state.UrlOf(node).AbsoluteUri, visibility: 999);

    /// <summary>The job's properties; the parameters' first (<c>hudson.model.ParametersDefinitionProperty</c>).</summary>
    private static List<ExportedObject> Properties(JobState job)
    {
        List<ExportedObject> properties = [];
        if (ParameterJson.Property(job) is { } parameters)
        {
            properties.Add(parameters);
        }

        if (!job.Spec.ConcurrentBuilds)
        {
            properties.Add(new ExportedObject("org.jenkinsci.plugins.workflow.job.properties.DisableConcurrentBuildsJobProperty"));
        }

        return properties;
    }

    /// <summary>
    /// The ball color: the last finished build's result (<c>blue</c>, <c>red</c>, <c>yellow</c>, <c>aborted</c>,
    /// <c>notbuilt</c>), <c>_anime</c> while a build runs, <c>disabled</c> for a disabled job.
    /// </summary>
    public static string Color(JobState job)
    {
        var color = job.Disabled ? "disabled" : job.Builds.Values.FirstOrDefault(build => !build.Building)?.Result switch
        {
            JenkinsResult.Success => "blue",
            JenkinsResult.Failure => "red",
            JenkinsResult.Unstable => "yellow",
            JenkinsResult.Aborted => "aborted",
            _ => "notbuilt",
        };
        return job.IsBuilding ? color + "_anime" : color;
    }

    private static ExportedObject? Link(JenkinsState state, BuildState? build) =>
        build is null ? null : BuildJson.Of(state, build);

    private static ExportedObject AllView(JenkinsState state, ItemNode? owner = null) =>
        new ExportedObject("hudson.model.AllView")
            .Add("name", "all", visibility: 999)
            .Add("url", owner is null ? state.BaseUrl.AbsoluteUri : state.UrlOf(owner).AbsoluteUri, visibility: 999);
}
