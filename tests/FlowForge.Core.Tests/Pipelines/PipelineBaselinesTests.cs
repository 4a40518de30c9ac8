using FlowForge.Abstractions.Domain;
using FlowForge.Core.Persistence;
using FlowForge.Core.Pipelines;

namespace FlowForge.Core.Tests.Pipelines;

public sealed class PipelineBaselinesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private static readonly PipelineKey Key = new("gh", "1");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void The_usual_duration_is_the_median_of_recent_successful_runs()
    {
        var baseline = PipelineBaseline.From(
        [
            Run("5", RunStatus.Running, null),
            Run("4", RunStatus.Failed, 10),
            Run("3", RunStatus.Succeeded, 300),
            Run("2", RunStatus.SucceededWithWarnings, 100),
            Run("1", RunStatus.Succeeded, 200),
        ]);

        Assert.Equal(TimeSpan.FromSeconds(200), baseline.UsualDuration);
        Assert.Equal(RunStatus.Failed, baseline.LastFinishedStatus);
    }

    [Fact]
    public void Without_successes_the_usual_duration_comes_from_other_finished_runs_and_an_even_count_averages_the_middle_two()
    {
        var baseline = PipelineBaseline.From([Run("2", RunStatus.Failed, 60), Run("1", RunStatus.Cancelled, 120), Run("0", RunStatus.Skipped, 0)]);

        Assert.Equal(TimeSpan.FromSeconds(90), baseline.UsualDuration);
    }

    [Fact]
    public void A_pipeline_without_finished_runs_has_no_baseline()
    {
        var baseline = PipelineBaseline.From([Run("1", RunStatus.Queued, null)]);

        Assert.Null(baseline.UsualDuration);
        Assert.Null(baseline.LastFinishedStatus);
    }

    [Fact]
    public async Task Runs_are_read_again_only_when_the_latest_run_changed()
    {
        var reader = new RunsReader { Runs = [Run("2", RunStatus.Succeeded, 100), Run("1", RunStatus.Succeeded, 300)] };
        using var baselines = new PipelineBaselines(reader);
        var running = Summary(Run("3", RunStatus.Running, null));

        var first = await baselines.ForAsync([running], Cancel);
        await baselines.ForAsync([running], Cancel);

        Assert.Equal(TimeSpan.FromSeconds(200), first[Key].UsualDuration);
        Assert.Equal(1, reader.Reads);

        reader.Runs = [Run("3", RunStatus.Failed, 20), .. reader.Runs];
        var finished = await baselines.ForAsync([Summary(Run("3", RunStatus.Failed, 20))], Cancel);

        Assert.Equal(2, reader.Reads);
        Assert.Equal(RunStatus.Failed, finished[Key].LastFinishedStatus);
    }

    private static PipelineSummary Summary(Run latest) =>
        new(new Pipeline(Key, "CI", "acme/api", "main", null, null, Pipeline.NoExtras), latest);

    private static Run Run(string id, RunStatus status, int? seconds) =>
        new(Key, id, long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), 1, status, status.ToString(), null, "push", "octocat", "main", null,
            Start, Start, seconds is { } s ? Start.AddSeconds(s) : null, null, null, global::FlowForge.Abstractions.Domain.Run.NoParameters);

    private sealed class RunsReader : IPipelineReader
    {
        public IReadOnlyList<Run> Runs { get; set; } = [];

        public int Reads { get; private set; }

        public Task<RunPage> ListRunsAsync(PipelineKey key, RunQuery query, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult(new RunPage(Runs, null));
        }

        public Task<IReadOnlyList<PipelineSummary>> ListPipelineSummariesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Pipeline?> FindPipelineAsync(PipelineKey key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<RunDetail?> FindRunAsync(PipelineKey key, string runNativeId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<JobLog?> FindJobLogAsync(PipelineKey key, string runNativeId, string jobNativeId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SaveJobLogAsync(PipelineKey key, string runNativeId, string jobNativeId, JobLog log, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
