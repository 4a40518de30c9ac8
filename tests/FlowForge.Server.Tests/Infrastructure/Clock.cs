using FlowForge.Core.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlowForge.Server.Tests.Infrastructure;

/// <summary>Steps a fake clock and runs one scheduling pass per step, waiting for the syncs it starts.</summary>
public sealed class Clock(FakeTimeProvider time, FlowForgeApp app)
{
    private SyncScheduler Scheduler => app.Services.GetRequiredService<SyncScheduler>();

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>One scheduling pass at the current time.</summary>
    public Task PassAsync() => Scheduler.RunDueAsync(waitForSyncs: true, TestContext.Current.CancellationToken);

    /// <summary>Advances by <paramref name="step"/> until <paramref name="duration"/> passed, with a pass after each step.</summary>
    public async Task RunForAsync(TimeSpan duration, TimeSpan? step = null, Func<Task>? afterEachPass = null)
    {
        var increment = step ?? TimeSpan.FromSeconds(1);
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += increment)
        {
            time.Advance(increment);
            await PassAsync();
            if (afterEachPass is not null)
            {
                await afterEachPass();
            }
        }
    }
}
