using System.ComponentModel.DataAnnotations;

namespace FlowForge.Server.Hosting;

public sealed class ServerOptions
{
    public const string Section = "FlowForge:Server";

    /// <summary>Where FlowForge listens when nothing else is configured: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5180";

    /// <summary>Requests with a larger body are refused with 413 before anything reads them.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
