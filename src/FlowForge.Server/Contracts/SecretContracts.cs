using System.ComponentModel;
using FlowForge.Core.Secrets;
using FlowForge.Secrets.Transfer;

namespace FlowForge.Server.Contracts;

/// <param name="Value">The secret itself, or <c>env:NAME</c> to read it from the server's environment.</param>
public sealed record SetSecretRequest([property: Description("The secret, or env:NAME. Never returned.")] string? Value);

/// <summary>One secret field of an instance: whether it is set, where, and since when. Never the value.</summary>
/// <param name="Store">Where it lives when set: <c>keyring</c>, <c>vault</c>, <c>env</c> or <c>memory</c>.</param>
/// <param name="Environment">The variable name, for a secret referenced as <c>env:NAME</c>.</param>
/// <param name="ChangedAt">When it was last set or rotated; null when not set, or set before FlowForge recorded it.</param>
public sealed record SecretFieldResponse(
    string Field, string Label, bool Required, bool IsSet, string? Store, string? Environment, DateTimeOffset? ChangedAt)
{
    public static SecretFieldResponse From(InstanceSecretStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new SecretFieldResponse(status.Field, status.Label, status.Required, status.IsSet, status.Store, status.Environment, status.ChangedAt);
    }
}

/// <summary>Where new secrets go on this server, and why (as logged at start-up).</summary>
public sealed record SecretStoreResponse(string? DefaultStore, string? Reason);

/// <param name="Instances">The instances to export; all when omitted.</param>
public sealed record ExportInstancesRequest(
    [property: Description("At least 12 characters; the only protection of the exported secrets. Never stored.")] string? Passphrase,
    List<string>? Instances);

/// <param name="Document">Keep this: it is what an import takes back. Its secrets are sealed under the passphrase.</param>
/// <param name="MissingSecrets">Per instance, secret fields that could not be read (their store did not hold them) and are not in the export.</param>
public sealed record ExportInstancesResponse(InstanceExportDocument Document, IReadOnlyDictionary<string, IReadOnlyList<string>> MissingSecrets);

public sealed record ImportInstancesRequest(InstanceExportDocument? Document, string? Passphrase);

/// <param name="Instances">Each exported instance's outcome: created, conflict (the id is taken), invalid or failed.</param>
public sealed record ImportInstancesResponse(IReadOnlyList<ImportOutcome> Instances);
