namespace FlowForge.Providers.Jenkins;

/// <summary>A buildable item discovery found: a job, or a branch of a multibranch project.</summary>
/// <param name="FullName">Jenkins' full name, <c>team/api/main</c>: the source id and the polling unit.</param>
/// <param name="Class">Its <c>_class</c> (<c>org.jenkinsci.plugins.workflow.job.WorkflowJob</c>, <c>hudson.model.FreeStyleProject</c>, …).</param>
/// <param name="DisplayName">Jenkins' full display name, <c>team » api » main</c>.</param>
/// <param name="Branch">The branch a multibranch project's job builds (its name decoded); null for other jobs.</param>
internal sealed record JenkinsJob(
    string FullName,
    string Class,
    string DisplayName,
    string? Description,
    Uri? WebUrl,
    string? Color,
    string? Branch)
{
    public const string WorkflowJobClass = "org.jenkinsci.plugins.workflow.job.WorkflowJob";

    /// <summary>Only Pipeline jobs have stages (the Stage View's <c>wfapi</c>).</summary>
    public bool HasStages => Class == WorkflowJobClass;

    /// <summary>A multibranch project (<c>WorkflowMultiBranchProject</c> and other <c>jenkins.branch.MultiBranchProject</c>s), whose jobs are its branches.</summary>
    public static bool IsMultibranch(string? itemClass) =>
        itemClass?.EndsWith("MultiBranchProject", StringComparison.Ordinal) == true;
}
