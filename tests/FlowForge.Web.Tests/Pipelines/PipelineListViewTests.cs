using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;
using FlowForge.Core.Pipelines;
using FlowForge.Web.Components.Pipelines;

namespace FlowForge.Web.Tests.Pipelines;

public sealed class PipelineListViewTests
{
    private static readonly HashSet<string> NoFavourites = [];

    private readonly List<PipelineEntry> _entries =
    [
        Entry("gh", "1", "acme/api", "CI", RunStatus.Failed, branch: "feature/login"),
        Entry("gh", "2", "acme/api", "Deploy", RunStatus.Succeeded),
        Entry("gh", "3", "acme/web", "CI", RunStatus.Running, lastFinished: RunStatus.Failed),
        Entry("gl", "4", "tools/cli", "Build", RunStatus.Queued, instanceName: "Self-hosted GitLab", kind: "gitlab"),
        Entry("gl", "5", "tools/cli", "Nightly", null, instanceName: "Self-hosted GitLab", kind: "gitlab"),
    ];

    [Fact]
    public void Filters_combine_and_text_matches_name_repository_branch_message_and_author()
    {
        Assert.Equal(["gh/1", "gh/3"], Keys(new PipelineFilter(Text: "ci", Provider: "github")));
        Assert.Equal(["gh/1"], Keys(new PipelineFilter(Text: "LOGIN")));
        Assert.Equal(["gh/1"], Keys(new PipelineFilter(Branch: "feature")));
        Assert.Equal(["gl/4", "gl/5"], Keys(new PipelineFilter(Instance: "gl")));
        Assert.Equal(["gl/4"], Keys(new PipelineFilter(Status: StatusBucket.Queued)));
        Assert.Equal(4, Keys(new PipelineFilter(Text: "ada")).Count);
    }

    [Fact]
    public void Only_failing_keeps_failed_pipelines_and_running_ones_whose_last_run_failed()
    {
        Assert.Equal(["gh/1", "gh/3"], Keys(new PipelineFilter(OnlyFailing: true)));
    }

    [Fact]
    public void Counts_per_status_ignore_the_status_filter_but_follow_the_others()
    {
        var view = PipelineListView.Build(_entries, new PipelineFilter(Provider: "github", Status: StatusBucket.Failed), PipelineGrouping.None, NoFavourites);

        Assert.Equal(3, view.Counted);
        Assert.Equal(1, view.Counts[StatusBucket.Failed]);
        Assert.Equal(1, view.Counts[StatusBucket.Running]);
        Assert.Equal(1, view.Counts[StatusBucket.Succeeded]);
        Assert.Equal(0, view.Counts[StatusBucket.Queued]);
        Assert.Equal(1, view.Shown);
        Assert.Equal(5, view.Total);
    }

    [Fact]
    public void Grouping_by_instance_orders_groups_by_name_and_keeps_the_read_models_order_within()
    {
        var view = PipelineListView.Build(_entries, PipelineFilter.None, PipelineGrouping.Instance, NoFavourites);

        Assert.Equal(
            ["group:i:gh", "gh/1", "gh/2", "gh/3", "group:i:gl", "gl/4", "gl/5"],
            view.Items.Select(item => item.Key));
        var header = Assert.IsType<GroupHeaderItem>(view.Items[0]);
        Assert.Equal(("Demo GitHub", "github", 3, 2), (header.Title, header.Detail, header.Count, header.Failing));
    }

    [Fact]
    public void Grouping_by_repository_names_the_instance_when_there_are_several()
    {
        var view = PipelineListView.Build(_entries, PipelineFilter.None, PipelineGrouping.Repository, NoFavourites);

        var headers = view.Items.OfType<GroupHeaderItem>().Select(header => (header.Title, header.Detail)).ToList();
        Assert.Equal([("acme/api", "Demo GitHub"), ("acme/web", "Demo GitHub"), ("tools/cli", "Self-hosted GitLab")], headers);
    }

    [Fact]
    public void Favourites_are_pinned_on_top_once_and_marked()
    {
        var view = PipelineListView.Build(_entries, PipelineFilter.None, PipelineGrouping.None, new HashSet<string> { "gl/5", "gh/2" });

        Assert.Equal([PipelineListView.PinnedKey, "gh/2", "gl/5", "group:all", "gh/1", "gh/3", "gl/4"], view.Items.Select(item => item.Key));
        Assert.All(view.Items.Take(3).OfType<PipelineRowItem>(), row => Assert.True(row.Favourite));
        Assert.All(view.Items.Skip(3).OfType<PipelineRowItem>(), row => Assert.False(row.Favourite));
    }

    [Fact]
    public void A_filter_hides_favourites_it_does_not_match()
    {
        var view = PipelineListView.Build(_entries, new PipelineFilter(Instance: "gh"), PipelineGrouping.None, new HashSet<string> { "gl/5" });

        Assert.DoesNotContain(view.Items, item => item.Key == PipelineListView.PinnedKey);
    }

    [Fact]
    public void A_blank_filter_is_empty()
    {
        Assert.True(new PipelineFilter(Text: "  ", Branch: "").IsEmpty);
        Assert.False(new PipelineFilter(OnlyFailing: true).IsEmpty);
    }

    private List<string> Keys(PipelineFilter filter) =>
        [.. PipelineListView.Build(_entries, filter, PipelineGrouping.None, NoFavourites).Items.OfType<PipelineRowItem>().Select(row => row.Key)];

    private static PipelineEntry Entry(
        string instance, string id, string repository, string name, RunStatus? status,
        string branch = "main", RunStatus? lastFinished = null, string instanceName = "Demo GitHub", string kind = "github")
    {
        var key = new PipelineKey(instance, id);
        var run = status is { } s ? PipelineWorld.Run(key, 1, s, branch) : null;
        var summary = new PipelineSummary(new Pipeline(key, name, repository, "main", null, null, Pipeline.NoExtras), run);
        return new PipelineEntry(summary, instanceName, kind, new PipelineBaseline(TimeSpan.FromMinutes(4), lastFinished ?? (status?.IsFinished() == true ? status : null)));
    }
}
