namespace FlowForge.Core.Auditing;

/// <summary>
/// One action or administrative change, as the audit log keeps it. Entries are appended once and never changed;
/// only the retention sweep deletes them, by age.
/// </summary>
/// <param name="Id">Assigned by the store when appended (0 before); grows with every entry.</param>
/// <param name="Actor">The key's name, or <c>local</c> when authentication is off, or <c>cli</c> for the keys command.</param>
/// <param name="ActorKeyId">The id of the key that acted, when a key did.</param>
/// <param name="Action">What was done, e.g. <c>run.trigger</c>; see <see cref="AuditActions"/>.</param>
/// <param name="PipelineKey"><c>{instanceId}/{pipelineId}</c>.</param>
/// <param name="Parameters">What the action was given, secret values already masked as <c>***</c>.</param>
/// <param name="Outcome">One of <see cref="AuditOutcomes"/>.</param>
/// <param name="StatusCode">FlowForge's HTTP status for the request; 0 when the action did not come through HTTP.</param>
/// <param name="UpstreamStatusCode">What the provider answered, when the action reached one.</param>
/// <param name="Detail">On failure, the problem's title and detail (never a secret: problem texts carry none).</param>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string Actor,
    string? ActorKeyId,
    string Action,
    string? InstanceId,
    string? PipelineKey,
    string? RunId,
    IReadOnlyDictionary<string, string> Parameters,
    string Outcome,
    int StatusCode,
    int? UpstreamStatusCode,
    string? Detail);

public static class AuditOutcomes
{
    public const string Succeeded = "succeeded";

    /// <summary>Tried and failed: bad input, a conflict, a provider error.</summary>
    public const string Failed = "failed";

    /// <summary>Refused by access control: the key's role or instance scope does not allow it.</summary>
    public const string Refused = "refused";

    /// <summary>What a status says happened: succeeded below 400; refused for 401/403 (access control); failed otherwise.</summary>
    public static string ForStatus(int statusCode) => statusCode switch
    {
        < 400 => Succeeded,
        401 or 403 => Refused,
        _ => Failed,
    };
}

/// <summary>The action names FlowForge records.</summary>
public static class AuditActions
{
    public const string RunTrigger = "run.trigger";
    public const string RunRerun = "run.rerun";
    public const string RunCancel = "run.cancel";
    public const string JobUnblock = "job.unblock";
    public const string InstanceAdd = "instance.add";
    public const string InstanceUpdate = "instance.update";
    public const string InstanceRemove = "instance.remove";
    public const string InstanceValidate = "instance.validate";
    public const string InstanceSync = "instance.sync";
    public const string KeyCreate = "key.create";
    public const string KeyRevoke = "key.revoke";
    public const string SecretSet = "secret.set";
    public const string SecretDelete = "secret.delete";
    public const string InstancesExport = "instances.export";
    public const string InstancesImport = "instances.import";
}
