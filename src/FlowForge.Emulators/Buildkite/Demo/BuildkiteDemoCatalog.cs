namespace FlowForge.Emulators.Buildkite.Demo;

/// <summary>What the Buildkite demo is made of: pipelines (with wait and block steps, and environments), people, branches, commits.</summary>
internal static class BuildkiteDemoCatalog
{
    public static readonly (string Name, string Description, IReadOnlyDictionary<string, string> Env, BuildkiteStep[] Steps)[] Pipelines =
    [
        ("Storefront", "The shop's web front end", Env(("NODE_ENV", "production")),
        [
            BuildkiteStep.Command(":eslint: Lint", "npm run lint", "lint"),
            BuildkiteStep.Command(":jest: Unit tests", "npm test", "test"),
            BuildkiteStep.Wait(),
            BuildkiteStep.Command(":docker: Build image", "docker build -t storefront .", "image"),
            BuildkiteStep.Block(":rocket: Release to production?", "release"),
            BuildkiteStep.Command(":rocket: Deploy", "./deploy.sh production", "deploy"),
        ]),
        ("Payments API", "Payment processing service", Env(("DEPLOY_ENV", "staging"), ("LOG_LEVEL", "info")),
        [
            BuildkiteStep.Command(":go: Build", "go build ./...", "build"),
            BuildkiteStep.Command(":go: Test", "go test ./...", "test"),
            BuildkiteStep.Command(":shield: Vulnerability scan", "govulncheck ./...", "scan", softFail: true),
            BuildkiteStep.Wait(),
            BuildkiteStep.Command(":kubernetes: Deploy to staging", "./deploy.sh staging", "deploy"),
        ]),
        ("Mobile App", "iOS and Android apps", Env(),
        [
            BuildkiteStep.Command(":ios: Build iOS", "fastlane ios build", "ios"),
            BuildkiteStep.Command(":android: Build Android", "./gradlew assembleRelease", "android"),
            BuildkiteStep.Wait(),
            BuildkiteStep.Command(":testflight: Upload betas", "fastlane beta", "upload"),
        ]),
        ("Infrastructure", "Terraform for every environment", Env(("TF_WORKSPACE", "production")),
        [
            BuildkiteStep.Command(":terraform: Plan", "terraform plan -out plan.tfplan", "plan"),
            BuildkiteStep.Block(":terraform: Apply the plan?", "approve"),
            BuildkiteStep.Command(":terraform: Apply", "terraform apply plan.tfplan", "apply"),
        ]),
        ("Docs", "Documentation site", Env(),
        [
            BuildkiteStep.Command(":books: Build site", "make docs", "docs"),
        ]),
    ];

    public static readonly (string Name, string Email)[] People =
    [
        ("Grace Hopper", "grace@example.com"), ("Alan Turing", "alan@example.com"), ("Margaret Hamilton", "margaret@example.com"),
        ("Linus Torvalds", "linus@example.com"), ("Barbara Liskov", "barbara@example.com"),
    ];

    public static readonly string[] Branches = ["main", "main", "main", "feature/checkout", "fix/rounding", "renovate/deps"];

    public static readonly string[] Messages =
    [
        "Bump dependencies", "Fix rounding of totals", "Add retries to the payment client", "Speed up the test suite",
        "Refactor the checkout flow", "Update the README", "Handle empty carts", "Tune the cache expiry",
    ];

    private static Dictionary<string, string> Env(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(variable => variable.Name, variable => variable.Value, StringComparer.Ordinal);
}
