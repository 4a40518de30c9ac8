using FlowForge.Abstractions.Domain;
using FlowForge.Abstractions.Providers;
using Xunit;

namespace FlowForge.Providers.Conformance;

public abstract partial class ProviderConformanceTests
{
    [Fact]
    public async Task Declared_parameters_are_discovered_with_their_types()
    {
        var (_, stored) = await PipelineAsync("Parametrised", withParameters: true);
        var connection = Connect();
        if (!Declares(ProviderCapabilities.Parameters, connection, typeof(IParameterSource)))
        {
            return;
        }

        var parameters = await As<IParameterSource>(connection).GetParametersAsync(stored, null, Cancel);

        Assert.True(parameters.CanTrigger, parameters.CannotTriggerReason);
        foreach (var (name, type) in Backend.DeclaredParameters)
        {
            Assert.Equal(type, Assert.Single(parameters.Parameters, parameter => parameter.Name == name).Type);
        }
    }

    [Fact]
    public async Task Triggering_sends_exactly_the_given_values()
    {
        var (_, stored) = await PipelineAsync("Triggered", withParameters: true);
        var connection = Connect();
        if (!Declares(ProviderCapabilities.Trigger, connection, typeof(IRunTrigger)))
        {
            return;
        }

        var parameters = await As<IParameterSource>(connection).GetParametersAsync(stored, null, Cancel);
        var result = await As<IRunTrigger>(connection).TriggerAsync(stored, new TriggerRequest(parameters.Ref, Backend.ValidParameterValues), Cancel);

        Assert.InRange(result.UpstreamStatusCode, 200, 299);
        Assert.Equal(Backend.ValidParameterValues, Backend.LastTriggerValues());
        if (result.RunNativeId is { } runId)
        {
            var run = await As<IRunSource>(connection).GetRunAsync(stored, runId, Cancel);
            Assert.True(run.Status.IsActive() || run.Status.IsFinished());
        }
    }

    [Fact]
    public async Task A_failed_run_can_be_run_again()
    {
        var (pipeline, stored) = await PipelineAsync("Rerun");
        var connection = Connect();
        if (!Declares(ProviderCapabilities.Rerun, connection, typeof(IRunRerunner)))
        {
            return;
        }

        var runId = await Backend.StartRunAsync(pipeline, "Flaky");
        await Backend.BeginRunAsync(pipeline, runId);
        await Backend.CompleteRunAsync(pipeline, runId, succeeded: false);
        var runs = As<IRunSource>(connection);
        var failed = await FindAsync(runs, stored, runId);
        var rerunner = As<IRunRerunner>(connection);
        Assert.Contains(RerunScope.All, rerunner.RerunScopes);

        var result = await rerunner.RerunAsync(stored, failed, RerunScope.All, null, Cancel);

        Assert.InRange(result.UpstreamStatusCode, 200, 299);
        var again = await runs.GetRunAsync(stored, result.RunNativeId, Cancel);
        Assert.True(again.Status.IsActive(), $"The re-run is {again.Status}.");
    }

    [Fact]
    public async Task A_running_run_can_be_cancelled_and_a_finished_one_cannot()
    {
        var (pipeline, stored) = await PipelineAsync("Cancel");
        var connection = Connect();
        if (!Declares(ProviderCapabilities.Cancel, connection, typeof(IRunCanceller)))
        {
            return;
        }

        var runs = As<IRunSource>(connection);
        var runId = await Backend.StartRunAsync(pipeline, "Long");
        await Backend.BeginRunAsync(pipeline, runId);
        var running = await FindAsync(runs, stored, runId);

        var result = await As<IRunCanceller>(connection).CancelAsync(stored, running, force: false, Cancel);

        Assert.InRange(result.UpstreamStatusCode, 200, 299);
        var after = await runs.GetRunAsync(stored, runId, Cancel);
        Assert.True(after.Status is RunStatus.Cancelled or RunStatus.Canceling, $"After cancel the run is {after.Status}.");

        var doneId = await Backend.StartRunAsync(pipeline, "Quick");
        await Backend.BeginRunAsync(pipeline, doneId);
        await Backend.CompleteRunAsync(pipeline, doneId, succeeded: true);
        var done = await runs.GetRunAsync(stored, doneId, Cancel);
        var refused = await Assert.ThrowsAsync<ProviderException>(() => As<IRunCanceller>(connection).CancelAsync(stored, done, force: false, Cancel));
        Assert.Equal(ProviderErrorKind.NotSupported, refused.Kind);
    }

    [Fact]
    public async Task A_signed_webhook_is_read_and_a_forged_one_refused()
    {
        var (pipeline, stored) = await PipelineAsync("Hooked");
        var connection = Connect();
        if (!Declares(ProviderCapabilities.Webhooks, connection, typeof(IWebhookReceiver)))
        {
            Assert.Null(await Backend.WebhookForRunAsync(pipeline, "none", validSignature: true));
            return;
        }

        var runId = await Backend.StartRunAsync(pipeline, "Pushed");
        var genuine = await Backend.WebhookForRunAsync(pipeline, runId, validSignature: true);
        var forged = await Backend.WebhookForRunAsync(pipeline, runId, validSignature: false);
        var receiver = As<IWebhookReceiver>(connection);

        var delivery = receiver.Receive(genuine!);
        Assert.False(string.IsNullOrEmpty(delivery.DeliveryId));
        Assert.Contains(delivery.Runs, run => run.NativeId == runId && run.Pipeline == stored.Key);

        var refused = Assert.Throws<ProviderException>(() => receiver.Receive(forged!));
        Assert.Equal(ProviderErrorKind.AuthenticationFailed, refused.Kind);
    }
}
