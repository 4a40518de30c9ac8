using FlowForge.Abstractions.Domain;
using FlowForge.Core.Errors;
using FlowForge.Core.Persistence;
using FlowForge.Core.Pipelines;

namespace FlowForge.Core.Tests.Pipelines;

public sealed class PipelineReadModelTests
{
    private readonly ListReader _reader = new();
    private readonly StoreVersion _version = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_cover_every_pipeline_once_in_order()
    {
        _reader.Items = [.. Enumerable.Range(0, 250).Select(i => Summary("gh", $"{i}", $"repo-{i % 7}", $"wf-{i:000}", RunStatus.Succeeded))];
        using var model = new PipelineReadModel(_reader, _version);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await model.ListAsync(new PipelineListQuery(Cursor: cursor, Limit: 40), Cancel);
            Assert.Equal(250, page.Total);
            seen.AddRange(page.Items.Select(item => item.Pipeline.Key.ToString()));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(250, seen.Count);
        Assert.Equal(250, seen.Distinct().Count());
        var expected = _reader.Items.OrderBy(i => i.Pipeline.Repository, StringComparer.OrdinalIgnoreCase)
            .ThenBy(i => i.Pipeline.Name, StringComparer.OrdinalIgnoreCase).Select(i => i.Pipeline.Key.ToString());
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Filters_combine()
    {
        _reader.Items =
        [
            Summary("gh", "1", "acme/api", "CI", RunStatus.Failed),
            Summary("gh", "2", "acme/api", "Deploy", RunStatus.Succeeded),
            Summary("gl", "3", "acme/web", "CI", RunStatus.Failed, branch: "feature/login"),
            Summary("gl", "4", "acme/web", "Nightly", null),
        ];
        using var model = new PipelineReadModel(_reader, _version);

        Assert.Equal(["gh/1", "gl/3"], await Keys(model, new PipelineListQuery(Status: RunStatus.Failed)));
        Assert.Equal(["gl/3", "gl/4"], await Keys(model, new PipelineListQuery(Instance: "gl")));
        Assert.Equal(["gh/1", "gh/2"], await Keys(model, new PipelineListQuery(Repository: "ACME/API")));
        Assert.Equal(["gl/3"], await Keys(model, new PipelineListQuery(Text: "login")));
        Assert.Equal(["gl/4"], await Keys(model, new PipelineListQuery(Instance: "gl", Text: "night")));
    }

    [Fact]
    public async Task The_list_is_rebuilt_only_when_the_store_changed()
    {
        _reader.Items = [Summary("gh", "1", "acme/api", "CI", RunStatus.Running)];
        using var model = new PipelineReadModel(_reader, _version);

        await model.ListAsync(new PipelineListQuery(), Cancel);
        await model.ListAsync(new PipelineListQuery(), Cancel);
        Assert.Equal(1, _reader.Reads);

        _reader.Items = [Summary("gh", "1", "acme/api", "CI", RunStatus.Succeeded)];
        _version.Bump();
        var page = await model.ListAsync(new PipelineListQuery(), Cancel);

        Assert.Equal(2, _reader.Reads);
        Assert.Equal(RunStatus.Succeeded, page.Items[0].LatestRun!.Status);
    }

    [Theory]
    [InlineData("not-base64-!!")]
    [InlineData("Zm9v")]
    public async Task A_bad_cursor_is_a_validation_error(string cursor)
    {
        using var model = new PipelineReadModel(_reader, _version);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => model.ListAsync(new PipelineListQuery(Cursor: cursor), Cancel));

        Assert.Contains("cursor", error.Errors.Keys);
    }

    private static async Task<IEnumerable<string>> Keys(PipelineReadModel model, PipelineListQuery query) =>
        (await model.ListAsync(query, Cancel)).Items.Select(item => item.Pipeline.Key.ToString());

    private static PipelineSummary Summary(string instance, string id, string repository, string name, RunStatus? status, string branch = "main")
    {
        var key = new PipelineKey(instance, id);
        var pipeline = new Pipeline(key, name, repository, "main", null, null, Pipeline.NoExtras);
        var run = status is { } s
            ? new Run(key, $"r{id}", 1, 1, s, s.ToString(), "title", "push", "octocat", branch, null, DateTimeOffset.UnixEpoch, null, null, null, null, Run.NoParameters)
            : null;
        return new PipelineSummary(pipeline, run);
    }

    private sealed class ListReader : IPipelineReader
    {
        public IReadOnlyList<PipelineSummary> Items { get; set; } = [];

        public int Reads { get; private set; }

        public Task<IReadOnlyList<PipelineSummary>> ListPipelineSummariesAsync(CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult(Items);
        }

        public Task<Pipeline?> FindPipelineAsync(PipelineKey key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<RunPage> ListRunsAsync(PipelineKey key, RunQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<RunDetail?> FindRunAsync(PipelineKey key, string runNativeId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<JobLog?> FindJobLogAsync(PipelineKey key, string runNativeId, string jobNativeId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SaveJobLogAsync(PipelineKey key, string runNativeId, string jobNativeId, JobLog log, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
