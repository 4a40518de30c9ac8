using System.ComponentModel.DataAnnotations;

namespace FlowForge.Core.Secrets;

public sealed class SecretsOptions
{
    public const string Section = "FlowForge:Secrets";

    /// <summary>The scheme of the store new secrets are written to.</summary>
    [Required]
    public string DefaultStore { get; set; } = "memory";
}
