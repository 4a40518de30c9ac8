using FlowForge.Server.Demo;
using FlowForge.Server.Hosting;

var (arguments, demo) = DemoMode.Extract(args);
if (KeysCommand.Matches(arguments)) { Environment.ExitCode = await KeysCommand.RunAsync(arguments, demo); return; }
if (SecretsCommand.Matches(arguments)) { Environment.ExitCode = await SecretsCommand.RunAsync(arguments, demo); return; }
var builder = WebApplication.CreateBuilder(arguments);
builder.AddFlowForgeServer(demo || builder.Configuration.GetValue<bool>(DemoMode.EnabledKey));

var app = builder.Build();
if (!SecretsSetup.ChooseStore(app.Services, Console.Error)) { Environment.ExitCode = 1; return; }
app.MapFlowForgeServer();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
