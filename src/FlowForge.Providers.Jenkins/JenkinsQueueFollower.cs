using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using FlowForge.Providers.Jenkins.Dtos;
using Microsoft.Extensions.Logging;

namespace FlowForge.Providers.Jenkins;

/// <summary>
/// Follows the queue item a trigger created (<c>Location: …/queue/item/{id}/</c>) to the build it becomes:
/// <c>GET /queue/item/{id}/api/json</c> shows <c>executable{number,url}</c> once the build started. Jenkins keeps a left
/// item only a few minutes, and a build may wait long for an executor, so after a few looks the job itself is asked: a
/// build that came from the item, or the number the waiting item's build will get.
/// </summary>
internal sealed partial class JenkinsQueueFollower(JenkinsApiClient client, TimeProvider time, ILogger logger)
{
    /// <summary>How often the queue item is read before the job is asked instead.</summary>
    public const int Attempts = 5;

    /// <summary>The wait between two looks at the queue item.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The build's number and page, or nulls when the item was cancelled or nothing tells. Never throws but for
    /// cancellation: the trigger itself succeeded, and failing now would invite the caller to trigger again.
    /// </summary>
    public async Task<(long? Number, Uri? Url)> FollowAsync(Pipeline pipeline, Uri? queueItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (QueueIdOf(queueItem) is not { } id)
        {
            return (null, null);
        }

        try
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(Interval, time, cancellationToken);
                }

                QueueItemDto item;
                try
                {
                    item = await client.GetJsonAsync($"queue/item/{JenkinsPaths.Number(id)}/", JenkinsTree.QueueItem, JenkinsJsonContext.Default.QueueItemDto, cancellationToken);
                }
                catch (ProviderException exception) when (exception.Kind == ProviderErrorKind.NotFound)
                {
                    break;
                }

                if (item.Executable is { } build)
                {
                    return (build.Number, JenkinsMapper.ToUri(build.Url));
                }

                if (item.Cancelled)
                {
                    return (null, null);
                }
            }

            var job = await client.GetJsonAsync(JenkinsPaths.JobPath(pipeline.Repository), JenkinsTree.QueueState, JenkinsJsonContext.Default.QueueStateDto, cancellationToken);
            if (job.Builds?.FirstOrDefault(build => build.QueueId == id) is { } started)
            {
                return (started.Number, JenkinsMapper.ToUri(started.Url));
            }

            if (job.QueueItem?.Id == id)
            {
                // Still waiting: its build will take the job's next number, which the queued run already carries.
                return (job.NextBuildNumber, null);
            }

            LogQueueItemLost(logger, pipeline.Key.ToString(), id);
        }
        catch (ProviderException exception)
        {
            LogFollowFailed(logger, pipeline.Key.ToString(), exception.Message);
        }

        return (null, null);
    }

    /// <summary>The id in <c>…/queue/item/{id}/</c>.</summary>
    internal static long? QueueIdOf(Uri? location)
    {
        var segments = location?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return segments.Length >= 3 && segments[^3] == "queue" && segments[^2] == "item"
            && long.TryParse(segments[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Triggered {Pipeline}, but queue item {Id} neither became a build nor waits any more; the run id stays unknown.")]
    private static partial void LogQueueItemLost(ILogger logger, string pipeline, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Triggered {Pipeline}, but following its queue item failed: {Reason}")]
    private static partial void LogFollowFailed(ILogger logger, string pipeline, string reason);
}
