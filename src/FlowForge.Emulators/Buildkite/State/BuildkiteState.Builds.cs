namespace FlowForge.Emulators.Buildkite.State;

/// <summary>Builds: creation, reads, and every change through <see cref="Change"/>, which reports it.</summary>
internal sealed partial class BuildkiteState
{
    public BuildkiteBuild StartBuild(string organization, string slug, BuildkiteBuildSpec spec, BuildkitePerson? creator) =>
        StartBuild(organization, slug, spec, creator, rebuiltFrom: null, at: null);

    /// <summary>Adds a finished build at a past time, for history: it ran from <paramref name="startedAt"/> for <paramref name="duration"/>. Not reported.</summary>
    public BuildkiteBuild AddFinishedBuild(string organization, string slug, BuildkiteBuildSpec spec, bool passed, DateTimeOffset startedAt, TimeSpan duration)
    {
        lock (_gate)
        {
            var build = NewBuild(organization, slug, spec, creator: null, rebuiltFrom: null, startedAt - TimeSpan.FromSeconds(5));
            var pipeline = RequirePipeline(organization, slug);
            BuildProgress.AddJobs(build, pipeline.Steps, build.CreatedAt);
            var slice = duration / (2 * Math.Max(1, build.Jobs.Count));
            var at = startedAt - slice;
            BuildProgress.Complete(build, passed, build.Author, () => at += slice);
            _builds[(organization, slug)].Add(build);
            return build.Snapshot();
        }
    }

    public BuildkiteBuild? Build(string organization, string slug, long number)
    {
        lock (_gate)
        {
            return FindBuild(organization, slug, number)?.Snapshot();
        }
    }

    /// <summary>A pipeline's builds, or an organization's with <paramref name="slug"/> null; newest first.</summary>
    public IReadOnlyList<BuildkiteBuild> Builds(string organization, string? slug)
    {
        lock (_gate)
        {
            return
            [
                .. _builds.Where(pair => pair.Key.Organization == organization && (slug is null || pair.Key.Slug == slug))
                    .SelectMany(pair => pair.Value)
                    .OrderByDescending(build => build.CreatedAt)
                    .ThenByDescending(build => build.Number)
                    .Select(build => build.Snapshot()),
            ];
        }
    }

    /// <summary>The build of a job, for the organization-scoped job routes.</summary>
    public BuildkiteBuild? BuildOfJob(string organization, string jobId)
    {
        lock (_gate)
        {
            return _builds.Where(pair => pair.Key.Organization == organization)
                .SelectMany(pair => pair.Value)
                .FirstOrDefault(build => build.Jobs.Any(job => job.Id == jobId))?.Snapshot();
        }
    }

    /// <summary>The create-build API: records the request's values as sent, then starts the build.</summary>
    public BuildkiteBuild CreateBuild(BuildkiteTrigger request, BuildkitePerson creator)
    {
        lock (_gate)
        {
            var spec = new BuildkiteBuildSpec(
                request.Branch, request.Message ?? "", creator.Name, creator.Email, request.Commit, "api", request.Env, request.MetaData);
            var build = StartBuild(request.Organization, request.Pipeline, spec, creator, rebuiltFrom: null, at: null);
            _triggers.Add(request with { Number = build.Number, At = Now });
            return build;
        }
    }

    /// <summary>A new build with the commit, branch, message, environment and meta-data of another.</summary>
    public BuildkiteBuild Rebuild(string organization, string slug, long number, BuildkitePerson creator)
    {
        lock (_gate)
        {
            var source = FindBuild(organization, slug, number) ?? throw new KeyNotFoundException($"Build {number} of '{organization}/{slug}' does not exist.");
            var spec = new BuildkiteBuildSpec(source.Branch, source.Message, source.Author.Name, source.Author.Email, source.Commit, "api", source.Env, source.MetaData);
            return StartBuild(organization, slug, spec, creator, (source.Id, source.Number), at: null);
        }
    }

    /// <summary>Changes a build under the lock and reports it (unless nothing changed).</summary>
    public TResult Change<TResult>(string organization, string slug, long number, Func<BuildEntity, DateTimeOffset, TResult> change)
    {
        lock (_gate)
        {
            var build = FindBuild(organization, slug, number) ?? throw new KeyNotFoundException($"Build {number} of '{organization}/{slug}' does not exist.");
            var before = build.Snapshot();
            var result = change(build, Now);
            var after = build.Snapshot();
            if (!Equivalent(before, after))
            {
                BuildChanged?.Invoke(before, after);
            }

            return result;
        }
    }

    public BuildkiteBuild Change(string organization, string slug, long number, Action<BuildEntity, DateTimeOffset> change) =>
        Change(organization, slug, number, (build, now) =>
        {
            change(build, now);
            return build.Snapshot();
        });

    private BuildkiteBuild StartBuild(
        string organization, string slug, BuildkiteBuildSpec spec, BuildkitePerson? creator, (string, long)? rebuiltFrom, DateTimeOffset? at)
    {
        lock (_gate)
        {
            var build = NewBuild(organization, slug, spec, creator, rebuiltFrom, at ?? Now);
            BuildProgress.AddJobs(build, RequirePipeline(organization, slug).Steps, build.CreatedAt);
            _builds[(organization, slug)].Add(build);
            var snapshot = build.Snapshot();
            BuildChanged?.Invoke(null, snapshot);
            return snapshot;
        }
    }

    private BuildEntity NewBuild(string organization, string slug, BuildkiteBuildSpec spec, BuildkitePerson? creator, (string, long)? rebuiltFrom, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(spec);
        RequirePipeline(organization, slug);
        var builds = _builds[(organization, slug)];
        var number = builds.Count == 0 ? 1 : builds.Max(build => build.Number) + 1;
        return new BuildEntity
        {
            Id = Guid.NewGuid().ToString("D"),
            Organization = organization,
            Pipeline = slug,
            Number = number,
            Message = spec.Message,
            Commit = spec.Commit ?? Sha($"{organization}/{slug}#{number}/{spec.Message}"),
            Branch = spec.Branch,
            Source = spec.Source,
            Author = new BuildkitePerson(DeterministicId("user:" + spec.AuthorEmail), spec.AuthorName, spec.AuthorEmail),
            Creator = creator,
            Env = spec.Env ?? new Dictionary<string, string>(),
            MetaData = spec.MetaData ?? new Dictionary<string, string>(),
            CreatedAt = at,
            RebuiltFrom = rebuiltFrom,
        };
    }

    private BuildEntity? FindBuild(string organization, string slug, long number) =>
        _builds.TryGetValue((organization, slug), out var builds) ? builds.Find(build => build.Number == number) : null;

    /// <summary>Equal but for the log text, which grows without the build changing state.</summary>
    private static bool Equivalent(BuildkiteBuild before, BuildkiteBuild after) =>
        before with { Jobs = [] } == after with { Jobs = [] }
        && before.Jobs.Count == after.Jobs.Count
        && before.Jobs.Zip(after.Jobs).All(pair => pair.First with { Log = "", UnblockFields = null } == pair.Second with { Log = "", UnblockFields = null });
}
