using System.Text;

namespace FlowForge.Emulators.GitHub.Demo;

/// <summary>What the demo is made of: repositories, workflow shapes (with their files), people, branches, commits.</summary>
internal static class DemoCatalog
{
    public static readonly (string Owner, string Name, string Description, string[] Workflows)[] Repositories =
    [
        ("acme", "web-app", "The customer-facing web application", ["CI", "Deploy", "Lint"]),
        ("acme", "api", "Public REST API and its workers", ["CI", "Deploy"]),
        ("acme", "infra", "Infrastructure as code for every environment", ["Terraform Plan", "Nightly"]),
        ("tools", "cli", "The command-line client", ["CI", "Release"]),
        ("tools", "docs", "Documentation site", ["Docs"]),
    ];

    public static readonly Dictionary<string, WorkflowShape> Workflows = new(StringComparer.Ordinal)
    {
        ["CI"] = new(
            "ci.yml",
            ["push", "push", "pull_request"],
            """
              push:
                branches: [main]
              pull_request:
              workflow_dispatch:
                inputs:
                  debug:
                    description: Run with debug logging
                    type: boolean
                    default: false
            """,
            [
                new("build", ["Set up job", "Run actions/checkout@v4", "Run actions/setup-dotnet@v4", "Restore", "Build", "Complete job"]),
                new("test", ["Set up job", "Run actions/checkout@v4", "Run actions/setup-dotnet@v4", "Test", "Upload coverage", "Complete job"]),
            ]),
        ["Deploy"] = new(
            "deploy.yml",
            ["push", "workflow_dispatch"],
            """
              push:
                branches: [main]
              workflow_dispatch:
                inputs:
                  environment:
                    description: Where to deploy
                    type: environment
                    default: staging
                    required: true
                  region:
                    description: The cloud region
                    type: choice
                    options: [eu-west-1, us-east-1, ap-southeast-2]
                    default: eu-west-1
                  version:
                    description: The image tag to deploy; empty for the latest build
                    type: string
                  replicas:
                    description: How many instances to run
                    type: number
                    default: 3
                  dry_run:
                    description: Only show what would change
                    type: boolean
                    default: false
            """,
            [
                new("build-image", ["Set up job", "Run actions/checkout@v4", "Run docker/build-push-action@v6", "Complete job"]),
                new("deploy-staging", ["Set up job", "Run azure/login@v2", "Deploy to staging", "Smoke test", "Complete job"]),
                new("deploy-production", ["Set up job", "Run azure/login@v2", "Deploy to production", "Complete job"]),
            ]),
        ["Lint"] = new(
            "lint.yml",
            ["push", "pull_request"],
            """
              push:
              pull_request:
            """,
            [new("lint", ["Set up job", "Run actions/checkout@v4", "Run actions/setup-node@v4", "Install", "Lint", "Complete job"])]),
        ["Terraform Plan"] = new(
            "terraform-plan.yml",
            ["push", "pull_request"],
            """
              push:
              pull_request:
              workflow_dispatch:
                inputs:
                  workspace:
                    description: Terraform workspace
                    type: environment
                    required: true
            """,
            [new("plan", ["Set up job", "Run actions/checkout@v4", "Run hashicorp/setup-terraform@v3", "Terraform init", "Terraform plan", "Complete job"])]),
        ["Nightly"] = new(
            "nightly.yml",
            ["schedule"],
            """
              schedule:
                - cron: "0 3 * * *"
              workflow_dispatch:
                inputs:
                  shards:
                    description: How many parallel test shards
                    type: number
                    default: 4
            """,
            [new("integration-tests", ["Set up job", "Run actions/checkout@v4", "Start services", "Integration tests", "Post Start services", "Complete job"])]),
        ["Release"] = new(
            "release.yml",
            ["push", "workflow_dispatch"],
            """
              push:
                tags: ["v*"]
              workflow_dispatch:
                inputs:
                  version:
                    description: Version to release, like 2.4.0
                    type: string
                    required: true
                  prerelease:
                    description: Mark as a pre-release
                    type: boolean
                    default: false
            """,
            [
                new("build", ["Set up job", "Run actions/checkout@v4", "Build binaries", "Complete job"]),
                new("publish", ["Set up job", "Publish release", "Complete job"]),
            ]),
        ["Docs"] = new(
            "docs.yml",
            ["push"],
            """
              push:
                branches: [main]
              workflow_dispatch:
            """,
            [
                new("build-site", ["Set up job", "Run actions/checkout@v4", "Build site", "Check links", "Complete job"]),
                new("publish", ["Set up job", "Run actions/deploy-pages@v4", "Complete job"]),
            ]),
    };

    public static readonly (string Name, string Email, string Login)[] People =
    [
        ("Ada Lindqvist", "ada@acme.example", "ada-lindqvist"),
        ("Grace Okafor", "grace.okafor@acme.example", "gokafor"),
        ("Mateo Silva", "mateo@acme.example", "mateo-silva"),
        ("Mina Park", "mina.park@tools.example", "minapark"),
        ("Omar Haddad", "omar@tools.example", "ohaddad"),
        ("Sofia Rossi", "sofia.rossi@acme.example", "srossi"),
    ];

    public static readonly string[] Branches =
        ["main", "main", "main", "develop", "feature/login-page", "feature/export-csv", "fix/null-reference", "renovate/dotnet-10.x"];

    public static readonly string[] Messages =
    [
        "Fix flaky retry test",
        "Add CSV export to the reports page",
        "Bump Microsoft.Extensions.Http.Resilience to 10.1.0",
        "Refactor the session middleware",
        "Update README with the new install steps",
        "Handle empty pages in the paginator",
        "Speed up the integration test fixture",
        "Merge pull request #412 from acme/feature/login-page",
        "Tune connection pool sizes",
        "Remove the deprecated v1 endpoints",
        "Add dark mode toggle",
        "Log the request id on every error",
        "Pin the base image digest",
        "Translate the settings page",
    ];

    /// <summary>The workflow's YAML, its jobs and steps written from the shape so file and runs agree.</summary>
    public static string WorkflowFile(string name, WorkflowShape shape)
    {
        var yaml = new StringBuilder().Append("name: ").Append(name).Append("\n\non:\n").Append(shape.Triggers.TrimEnd()).Append("\n\njobs:\n");
        string? previous = null;
        foreach (var job in shape.Jobs)
        {
            yaml.Append("  ").Append(job.Name).Append(":\n    runs-on: ubuntu-latest\n");
            if (previous is not null)
            {
                yaml.Append("    needs: ").Append(previous).Append('\n');
            }

            yaml.Append("    steps:\n");
            foreach (var step in job.Steps.Where(s => s != "Set up job" && !s.StartsWith("Post ", StringComparison.Ordinal) && s != "Complete job"))
            {
                yaml.Append(step.StartsWith("Run ", StringComparison.Ordinal) && step.Contains('@', StringComparison.Ordinal)
                    ? $"      - uses: {step[4..]}\n"
                    : $"      - name: {step}\n        run: ./ci/{step.Replace(' ', '-').ToLowerInvariant()}.sh\n");
            }

            previous = job.Name;
        }

        return yaml.ToString();
    }
}

/// <param name="Events">The events its runs are triggered by (repeats weigh a choice).</param>
/// <param name="Triggers">The <c>on:</c> section of its file, indented by two.</param>
internal sealed record WorkflowShape(string File, string[] Events, string Triggers, JobSpec[] Jobs);
