namespace FlowForge.Emulators.Jenkins;

public sealed class JenkinsEmulatorOptions
{
    /// <summary>The clock for timestamps, quiet periods, left queue items and slow bodies.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Empty for Jenkins at the root; <c>/jenkins</c> puts it under a context path, as many installations are.</summary>
    public string ContextPath { get; init; } = "";

    /// <summary>User → API token (HTTP Basic <c>user:token</c>). Default: <c>admin</c> with <see cref="JenkinsEmulator.DefaultToken"/>.</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["admin"] = JenkinsEmulator.DefaultToken };

    /// <summary>
    /// POSTs need a crumb from <c>/crumbIssuer/api/json</c>, sent in <c>Jenkins-Crumb</c> with the session cookie it was
    /// issued with; without one they get 403 "No valid crumb was included in the request". Jenkins exempts API-token
    /// requests since 2.96; on, this emulates a controller that does not (or a client signing in with a password).
    /// </summary>
    public bool RequireCrumb { get; init; }

    /// <summary>
    /// Builds requested over the API start by themselves once their quiet period is over (an executor is free at once);
    /// off, they wait in the queue until the scenario starts them. Builds the scenario queues always wait for it.
    /// </summary>
    public bool StartTriggeredBuilds { get; init; } = true;

    /// <summary>The quiet period of a build requested without <c>delay</c> (Jenkins' default is five seconds).</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Anonymous requests may read (the "Anyone can read" setting); off, they get 403 as anonymous.</summary>
    public bool AllowAnonymousRead { get; init; }

    /// <summary>What <c>X-Jenkins</c> announces.</summary>
    public string Version { get; init; } = "2.479.3";

    /// <summary>The most recent requests the request log keeps (older ones are dropped).</summary>
    public int RequestLogCapacity { get; init; } = 100_000;
}
