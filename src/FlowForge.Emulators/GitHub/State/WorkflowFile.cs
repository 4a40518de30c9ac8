namespace FlowForge.Emulators.GitHub.State;

internal static class WorkflowFile
{
    public static string Default(string name) => $"""
        name: {name}

        on:
          push:
            branches: [main]
          pull_request:
          workflow_dispatch:

        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - name: Build
                run: make build
              - name: Test
                run: make test

        """;
}
