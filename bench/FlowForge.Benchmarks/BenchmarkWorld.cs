using FlowForge.Emulators.GitHub;

namespace FlowForge.Benchmarks;

/// <summary>Repositories of ten workflows each, every workflow with one finished run.</summary>
internal static class BenchmarkWorld
{
    public static void Seed(GitHubEmulator emulator, int pipelines)
    {
        var perRepository = 10;
        for (var index = 0; index < pipelines; index++)
        {
            var repository = $"bench-org/service-{index / perRepository:000}";
            if (index % perRepository == 0)
            {
                emulator.Scenario.AddRepository("bench-org", $"service-{index / perRepository:000}");
            }

            var workflow = emulator.Scenario.AddWorkflow(repository, $"Workflow {index % perRepository}", $".github/workflows/wf-{index % perRepository}.yml");
            var run = emulator.Scenario.StartRun(workflow.Id, new RunSpec("main", $"Change number {index}", "Bench Author", "bench@example.com", "bench"));
            emulator.Scenario.BeginRun(run.Id);
            emulator.Scenario.CompleteRun(run.Id, index % 7 == 0 ? "failure" : "success");
        }
    }
}
