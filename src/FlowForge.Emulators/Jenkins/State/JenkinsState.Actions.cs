namespace FlowForge.Emulators.Jenkins.State;

/// <summary>What the API does to builds; called inside <see cref="JenkinsState.Read{T}"/>.</summary>
internal sealed partial class JenkinsState
{
    /// <summary><c>stop</c>, <c>term</c> or <c>kill</c>: a running build ends <c>ABORTED</c>; a finished one is left alone, as Jenkins does.</summary>
    public void Stop(BuildState build, string? user)
    {
        if (build.Building)
        {
            Complete(build, JenkinsResult.Aborted, Now, user is null ? null : FullNameOf(user));
        }
    }

    /// <summary>A build by number or permalink (<c>lastBuild</c>, <c>lastSuccessfulBuild</c>, …); null when there is none.</summary>
    public static BuildState? Resolve(JobState job, string reference)
    {
        var builds = job.Builds.Values;
        return reference switch
        {
            "lastBuild" => builds.FirstOrDefault(),
            "lastCompletedBuild" => builds.FirstOrDefault(build => !build.Building),
            "lastSuccessfulBuild" => builds.FirstOrDefault(build => build.Result is JenkinsResult.Success or JenkinsResult.Unstable),
            "lastStableBuild" => builds.FirstOrDefault(build => build.Result == JenkinsResult.Success),
            "lastFailedBuild" => builds.FirstOrDefault(build => build.Result == JenkinsResult.Failure),
            "lastUnstableBuild" => builds.FirstOrDefault(build => build.Result == JenkinsResult.Unstable),
            "lastUnsuccessfulBuild" => builds.FirstOrDefault(build => build.Result is not null && build.Result != JenkinsResult.Success),
            _ when int.TryParse(reference, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) =>
                job.Builds.GetValueOrDefault(number),
            _ => null,
        };
    }
}
