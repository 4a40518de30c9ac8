using System.Security.Cryptography;
using System.Text;

namespace FlowForge.Emulators.Buildkite.State;

/// <summary>
/// All emulated data behind one lock: organizations, pipelines, builds (mutable entities, seen from outside only as
/// snapshots), tokens and the create-build requests received. Every live change of a build is reported to
/// <see cref="BuildChanged"/> with the snapshots before and after, inside the lock, so observers see changes in order.
/// </summary>
internal sealed partial class BuildkiteState
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, BuildkiteOrganization> _organizations = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Organization, string Slug), BuildkitePipeline> _pipelines = [];
    private readonly Dictionary<(string Organization, string Slug), List<BuildEntity>> _builds = [];
    private readonly Dictionary<string, BuildkiteToken> _tokens = new(StringComparer.Ordinal);
    private readonly List<BuildkiteTrigger> _triggers = [];

    public BuildkiteState(TimeProvider time, IReadOnlyDictionary<string, BuildkiteToken> tokens)
    {
        _time = time;
        foreach (var (token, owner) in tokens)
        {
            AddToken(token, owner);
        }
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Called inside the lock with the build before (null when new) and after a live change; must be quick and not throw.</summary>
    public Action<BuildkiteBuild?, BuildkiteBuild>? BuildChanged { get; set; }

    public void AddToken(string token, BuildkiteToken owner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentNullException.ThrowIfNull(owner);
        lock (_gate)
        {
            _tokens[token] = owner;
        }
    }

    public bool RevokeToken(string token)
    {
        lock (_gate)
        {
            return _tokens.Remove(token);
        }
    }

    public BuildkiteToken? Token(string token)
    {
        lock (_gate)
        {
            return _tokens.GetValueOrDefault(token);
        }
    }

    public BuildkiteOrganization AddOrganization(string slug, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        lock (_gate)
        {
            if (!_organizations.TryGetValue(slug, out var organization))
            {
                organization = new BuildkiteOrganization(DeterministicId("org:" + slug), slug, name ?? slug, Now);
                _organizations[slug] = organization;
            }

            return organization;
        }
    }

    public IReadOnlyList<BuildkiteOrganization> Organizations()
    {
        lock (_gate)
        {
            return [.. _organizations.Values.OrderBy(organization => organization.Slug, StringComparer.Ordinal)];
        }
    }

    public BuildkiteOrganization? Organization(string slug)
    {
        lock (_gate)
        {
            return _organizations.GetValueOrDefault(slug);
        }
    }

    /// <param name="slug">Null derives it from the name, as Buildkite does (<c>Web App</c> → <c>web-app</c>).</param>
    public BuildkitePipeline AddPipeline(
        string organization, string name, IReadOnlyList<BuildkiteStep>? steps = null, IReadOnlyDictionary<string, string>? env = null,
        string defaultBranch = "main", string? description = null, string? slug = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            AddOrganization(organization);
            slug ??= Slugify(name);
            if (_pipelines.ContainsKey((organization, slug)))
            {
                throw new InvalidOperationException($"Pipeline '{organization}/{slug}' already exists.");
            }

            var pipeline = new BuildkitePipeline(
                DeterministicId($"pipeline:{organization}/{slug}"), organization, slug, name, description, defaultBranch,
                $"git@github.com:{organization}/{slug}.git", env ?? new Dictionary<string, string>(), steps ?? BuildkiteStep.Default, Now, null);
            _pipelines[(organization, slug)] = pipeline;
            _builds[(organization, slug)] = [];
            return pipeline;
        }
    }

    public void ArchivePipeline(string organization, string slug)
    {
        lock (_gate)
        {
            _pipelines[(organization, slug)] = RequirePipeline(organization, slug) with { ArchivedAt = Now };
        }
    }

    public IReadOnlyList<BuildkitePipeline> Pipelines(string organization)
    {
        lock (_gate)
        {
            return [.. _pipelines.Values.Where(pipeline => pipeline.Organization == organization).OrderBy(pipeline => pipeline.CreatedAt).ThenBy(pipeline => pipeline.Slug, StringComparer.Ordinal)];
        }
    }

    public BuildkitePipeline? Pipeline(string organization, string slug)
    {
        lock (_gate)
        {
            return _pipelines.GetValueOrDefault((organization, slug));
        }
    }

    public IReadOnlyList<BuildkiteTrigger> Triggers()
    {
        lock (_gate)
        {
            return [.. _triggers];
        }
    }

    /// <summary>Buildkite's slug of a name: lower case, runs of anything but letters and digits as one dash.</summary>
    public static string Slugify(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-') is { Length: > 0 } result ? result : "pipeline";
    }

    /// <summary>A UUID-shaped id, deterministic for its seed.</summary>
    public static string DeterministicId(string seed) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16)).ToString("D");

    /// <summary>A git-like 40-hex commit sha, deterministic for its seed.</summary>
    public static string Sha(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40];

    private BuildkitePipeline RequirePipeline(string organization, string slug) =>
        _pipelines.GetValueOrDefault((organization, slug)) ?? throw new KeyNotFoundException($"Pipeline '{organization}/{slug}' does not exist.");
}
