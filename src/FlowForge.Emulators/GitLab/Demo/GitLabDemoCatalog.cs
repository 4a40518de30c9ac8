namespace FlowForge.Emulators.GitLab.Demo;

/// <summary>What the GitLab demo is made of: groups and projects with their CI files, people, branches, commit messages.</summary>
internal static class GitLabDemoCatalog
{
    public static readonly (string Namespace, string Path, string Name, string Description, string CiFile)[] Projects =
    [
        ("acme/apps", "storefront", "Storefront", "The customer-facing web shop", """
            stages: [build, test, deploy]

            variables:
              DEPLOY_REGION:
                value: eu-west-1
                description: Where the deploy jobs deploy to
                options: [eu-west-1, us-east-1, ap-southeast-2]
              LOG_LEVEL:
                value: info
                description: Log level of the test run
              NODE_VERSION: "22"

            compile:
              stage: build
              script: npm ci && npm run build

            unit-tests:
              stage: test
              script: npm test

            lint:
              stage: test
              script: npm run lint
              allow_failure: true

            deploy-staging:
              stage: deploy
              script: ./deploy.sh staging

            deploy-production:
              stage: deploy
              script: ./deploy.sh production
              when: manual
              allow_failure: false
            """),
        ("acme/platform", "api", "API", "Public REST API and its workers", """
            spec:
              inputs:
                environment:
                  description: Where to deploy
                  options: [staging, production]
                  default: staging
                dry_run:
                  description: Only show what would change
                  type: boolean
                  default: false
                replicas:
                  description: How many instances to run
                  type: number
                  default: 2
                image_tag:
                  description: The image tag to deploy; empty for the latest build
                  default: ""
            ---
            stages: [build, test, deploy]

            build:
              stage: build
              script: dotnet publish -c Release

            test:
              stage: test
              script: dotnet test

            integration:
              stage: test
              script: ./ci/integration.sh

            deploy:
              stage: deploy
              script: ./deploy.sh $[[ inputs.environment ]] --replicas $[[ inputs.replicas ]]
            """),
        ("acme/platform", "infra", "Infra", "Infrastructure as code for every environment", """
            spec:
              inputs:
                workspace:
                  description: The Terraform workspace
                  options: [dev, staging, prod]
                  default: dev
            ---
            stages: [validate, plan, apply]

            validate:
              stage: validate
              script: terraform validate

            plan:
              stage: plan
              script: terraform plan -out plan.tfplan

            apply:
              stage: apply
              script: terraform apply plan.tfplan
              when: manual
              allow_failure: false
            """),
        ("acme/platform", "billing-worker", "Billing Worker", "Invoices and payment reconciliation", """
            variables:
              SKIP_SLOW_TESTS:
                value: "false"
                description: Skip the slow end-to-end tests
                options: ["false", "true"]

            build:
              stage: build
              script: go build ./...

            test:
              stage: test
              script: go test ./...
            """),
        ("oss", "docs", "Docs", "Documentation site", """
            build-site:
              stage: build
              script: mkdocs build

            link-check:
              stage: test
              script: lychee site/
              allow_failure: true

            pages:
              stage: deploy
              script: mv site public
            """),
    ];

    public static readonly (string Username, string Name, string Email)[] People =
    [
        ("ada", "Ada Lovelace", "ada@acme.example"),
        ("grace", "Grace Hopper", "grace@acme.example"),
        ("linus", "Linus Torvalds", "linus@acme.example"),
        ("margaret", "Margaret Hamilton", "margaret@acme.example"),
        ("ken", "Ken Thompson", "ken@acme.example"),
    ];

    public static readonly string[] Branches = ["main", "main", "main", "feature/checkout-v2", "fix/flaky-tests", "release/2.4"];

    public static readonly string[] Messages =
    [
        "Fix rounding in invoice totals",
        "Bump dependencies",
        "Add retry to the payment client\n\nThe provider times out under load; three tries with back-off.",
        "Speed up the test suite",
        "Refactor the checkout flow",
        "Document the release process",
        "Handle empty carts",
        "Upgrade to .NET 10",
        "Tune the cache for product pages",
        "Revert \"Tune the cache for product pages\"",
    ];

    /// <summary>Pipeline sources, weighted: mostly pushes.</summary>
    public static readonly string[] Sources = ["push", "push", "push", "push", "merge_request_event", "web", "schedule"];
}
