using System.Security.Claims;
using FlowForge.Abstractions.Providers;
using FlowForge.Core.Access;
using FlowForge.Core.Persistence;
using FlowForge.Core.Providers;
using Microsoft.Extensions.Logging;

namespace FlowForge.Web.Components.RunView;

/// <summary>
/// What the dashboard offers on a pipeline and its runs: only what the provider can do, and only to a user whose role
/// allows acting (operator or admin) on this instance. Whether a run's state allows an action is the caller's part.
/// </summary>
/// <param name="ProviderName">The provider's name for links ("View on GitHub Actions"); null when unknown.</param>
/// <param name="Unavailable">Why actions cannot be offered at all (the connection cannot be made), for operators.</param>
public sealed partial record ActionAvailability(
    bool CanTrigger,
    IReadOnlyList<RerunScope> RerunScopes,
    bool CanCancel,
    string? ProviderName,
    string? Unavailable = null)
{
    public static ActionAvailability None { get; } = new(false, [], false, null);

    /// <summary>Jobs waiting for a person (manual jobs, block steps) can be let go on.</summary>
    public bool CanUnblock { get; init; }

    public bool CanRerun(RerunScope scope) => RerunScopes.Contains(scope);

    /// <summary>Whether the user's role and instance scope allow trigger, re-run, cancel and unblock on the instance.</summary>
    public static bool MayAct(ClaimsPrincipal user, string instanceId) =>
        user.RoleOf() is { } role && role.Includes(AccessRole.Operator) && AccessScope.From(user).Allows(instanceId);

    public static async Task<ActionAvailability> ResolveAsync(
        ClaimsPrincipal user,
        string instanceId,
        IInstanceRepository instances,
        ProviderRegistry registry,
        ProviderConnections connections,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(connections);
        var instance = await instances.FindAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return None;
        }

        var name = registry.Find(instance.Kind)?.Descriptor.DisplayName;
        if (!MayAct(user, instanceId))
        {
            return None with { ProviderName = name };
        }

        IProviderConnection connection;
        try
        {
            // Makes no request upstream: a connection is built from the instance's settings and secrets.
            connection = await connections.GetAsync(instance, cancellationToken);
        }
        catch (ProviderException exception)
        {
            return None with { ProviderName = name, Unavailable = exception.Message };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A secret store that cannot be reached, say: the page still shows what the store has, without actions.
            LogConnectFailed(logger, exception, instanceId);
            return None with { ProviderName = name, Unavailable = "the connection to the provider could not be set up (see the server log)." };
        }

        return new ActionAvailability(
            connection is IRunTrigger && connection is IParameterSource,
            connection is IRunRerunner rerunner ? rerunner.RerunScopes : [],
            connection is IRunCanceller,
            name)
        {
            CanUnblock = connection is IJobUnblocker,
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not connect to instance {InstanceId} to see which actions it offers")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception, string instanceId);
}
