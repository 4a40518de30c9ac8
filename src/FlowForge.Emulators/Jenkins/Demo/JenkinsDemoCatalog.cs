namespace FlowForge.Emulators.Jenkins.Demo;

/// <summary>The made-up Jenkins of the demo: folders, a multibranch project, jobs of both kinds, people and commits.</summary>
internal static class JenkinsDemoCatalog
{
    public static readonly (string Name, string Email)[] People =
    [
        ("Ada Lovelace", "ada@example.com"), ("Grace Hopper", "grace@example.com"), ("Linus Torvalds", "linus@example.com"),
        ("Margaret Hamilton", "margaret@example.com"), ("Ken Thompson", "ken@example.com"), ("Barbara Liskov", "barbara@example.com"),
    ];

    public static readonly string[] Messages =
    [
        "Fix flaky checkout test", "Bump dependencies", "Add retry to payment client", "Refactor pricing rules",
        "Speed up the integration suite", "Handle empty carts", "Log slow queries", "Update deployment manifests",
        "Tighten input validation", "Cache catalog lookups",
    ];

    public static readonly JenkinsStageSpec[] ServiceStages =
    [
        new("Checkout", [new("Check out from version control", "checkout scm")]),
        new("Build", [new("Shell Script", "./gradlew assemble")]),
        new("Test", [new("Shell Script", "./gradlew test"), new("Record test results", "junit build/test-results/**/*.xml")]),
        new("Package", [new("Shell Script", "docker build -t registry.example.com/app .")]),
    ];

    public static readonly JenkinsStageSpec[] ReleaseStages =
    [
        new("Checkout", [new("Check out from version control", "checkout scm")]),
        new("Build", [new("Shell Script", "make release")]),
        new("Sign", [new("Shell Script", "gpg --detach-sign dist/*.tar.gz")]),
        new("Publish", [new("Shell Script", "./scripts/publish.sh"), new("Archive the artifacts", "dist/**")]),
    ];

    public static readonly JenkinsStageSpec[] TerraformStages =
    [
        new("Init", [new("Shell Script", "terraform init -input=false")]),
        new("Plan", [new("Shell Script", "terraform plan -out=tfplan")]),
    ];

    public static readonly JenkinsStageSpec[] WebStages =
    [
        new("Install", [new("Shell Script", "npm ci")]),
        new("Lint", [new("Shell Script", "npm run lint")]),
        new("Test", [new("Shell Script", "npm test")]),
        new("Build", [new("Shell Script", "npm run build")]),
    ];

    /// <summary>The release job declares one parameter of every type FlowForge reads.</summary>
    public static readonly JenkinsParameterSpec[] ReleaseParameters =
    [
        new("RELEASE_VERSION", JenkinsParameterType.String, "1.0.0", Description: "The version to release."),
        new("CHANNEL", JenkinsParameterType.Choice, Choices: ["stable", "beta", "nightly"], Description: "Where to publish it."),
        new("PUBLISH", JenkinsParameterType.Boolean, "false", Description: "Publish, or only build and sign."),
        new("NOTES", JenkinsParameterType.Text, "", Description: "Release notes (several lines)."),
        new("SIGNING_KEY", JenkinsParameterType.Password, Description: "Passphrase of the signing key."),
    ];

    public static readonly JenkinsParameterSpec[] DeployParameters =
    [
        new("ENVIRONMENT", JenkinsParameterType.Choice, Choices: ["staging", "production"]),
        new("DRY_RUN", JenkinsParameterType.Boolean, "true"),
    ];

    /// <summary>Full name, kind, spec: the jobs the demo seeds (branches are added to <c>web/storefront</c>).</summary>
    public static IEnumerable<(string FullName, bool Pipeline, JenkinsJobSpec Spec)> Jobs()
    {
        yield return ("platform/api-gateway", true, new JenkinsJobSpec("Edge routing and auth for every public API.", DeployParameters, ServiceStages));
        yield return ("platform/billing-service", true, new JenkinsJobSpec("Invoices and payments.", Stages: ServiceStages, ConcurrentBuilds: false));
        yield return ("platform/infra/terraform-plan", true, new JenkinsJobSpec("Plans the shared infrastructure.", Stages: TerraformStages));
        yield return ("platform/infra/nightly-backup", false, new JenkinsJobSpec("Backs up the databases every night."));
        yield return ("release-train", true, new JenkinsJobSpec("Builds, signs and publishes a release.", ReleaseParameters, ReleaseStages, ConcurrentBuilds: false));
        yield return ("docs-site", false, new JenkinsJobSpec("Publishes the documentation site."));
    }

    public static readonly string[] StorefrontBranches = ["main", "develop", "feature/checkout-v2"];
}
