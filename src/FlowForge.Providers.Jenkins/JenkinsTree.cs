namespace FlowForge.Providers.Jenkins;

/// <summary>
/// The <c>tree</c> expressions FlowForge sends: exactly the fields it reads, so Jenkins serializes (and loads) no more.
/// Ranges (<c>{0,N}</c>) bound arrays, which is the only paging Jenkins has.
/// </summary>
internal static class JenkinsTree
{
    /// <summary>How many folder levels one discovery request describes; deeper folders are asked for separately.</summary>
    public const int DiscoveryDepth = 4;

    /// <summary>Jenkins' own cap on a job's <c>builds</c> (<c>Job.getNewBuilds</c>).</summary>
    public const int MaxBuilds = 100;

    private const string ItemFields = "name,fullName,fullDisplayName,description,url,color";

    private const string Causes = "causes[shortDescription,userId,userName]";

    private const string ChangeItems = "items[commitId,msg,authorEmail,author[fullName],timestamp]";

    private const string BuildFields = "number,url,result,building,timestamp,duration,displayName,description,queueId,"
        + $"actions[{Causes},lastBuiltRevision[SHA1,branch[SHA1,name]],parameters[name,value]],"
        + $"changeSets[{ChangeItems}],changeSet[{ChangeItems}]";

    private const string QueueItemFields = $"id,inQueueSince,why,blocked,stuck,actions[{Causes},parameters[name,value]]";

    private const string ParameterDefinitions = "parameterDefinitions[name,type,description,defaultParameterValue[value],choices]";

    public const string WhoAmI = "name,anonymous,authorities";

    /// <summary>A job's newest runs in one request: the queue item waiting for it, and its newest builds.</summary>
    public static string Runs(int count) => $"nextBuildNumber,queueItem[{QueueItemFields}],builds[{BuildFields}]{{0,{count}}}";

    public const string Build = BuildFields;

    /// <summary>The request waiting in a job's queue, if any, and the number its build will get.</summary>
    public const string Queue = $"nextBuildNumber,queueItem[{QueueItemFields}]";

    /// <summary>Where a job's queue item stands, and which recent builds came from which queue item.</summary>
    public const string QueueState = "nextBuildNumber,queueItem[id],builds[number,queueId,url]{0,10}";

    public const string QueueItem = "id,cancelled,why,executable[number,url]";

    public const string BuildState = "number,building,result";

    public const string BuildParameters = "number,building,result,actions[parameters[name,value]]";

    public const string Parameters = $"buildable,property[{ParameterDefinitions}],actions[{ParameterDefinitions}]";

    public const string Item = ItemFields;

    /// <summary>
    /// <c>jobs[fields,jobs[fields,…]]</c>, <see cref="DiscoveryDepth"/> levels deep; the last level asks only whether an
    /// item has children (<c>jobs[name]</c>), so a deeper folder is recognised and asked for on its own.
    /// </summary>
    public static string Discovery { get; } = Enumerable.Range(0, DiscoveryDepth).Aggregate("jobs[name]", (inner, _) => $"jobs[{ItemFields},{inner}]");
}
