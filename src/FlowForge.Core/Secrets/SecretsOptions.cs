using System.ComponentModel.DataAnnotations;

namespace FlowForge.Core.Secrets;

public sealed class SecretsOptions
{
    public const string Section = "FlowForge:Secrets";

    /// <summary>
    /// Where new secrets go: <c>auto</c> (the keyring when a Secret Service answers, else the vault when a password is
    /// set, else FlowForge refuses to start), <c>keyring</c>, <c>vault</c>, or <c>memory</c> (forgotten on restart).
    /// </summary>
    [Required]
    [RegularExpression("^(?i:auto|keyring|vault|memory)$", ErrorMessage = "FlowForge:Secrets:DefaultStore must be auto, keyring, vault or memory.")]
    public string DefaultStore { get; set; } = SecretResolver.Automatic;

    /// <summary>A file holding the vault password (its first line), instead of <c>FLOWFORGE_VAULT_PASSWORD</c>.</summary>
    public string? VaultKeyFile { get; set; }

    /// <summary>The D-Bus address of the session bus with the Secret Service; by default <c>DBUS_SESSION_BUS_ADDRESS</c>.</summary>
    public string? KeyringBusAddress { get; set; }

    /// <summary>How long FlowForge waits for a Secret Service to answer before deciding there is none.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan KeyringTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long FlowForge waits for the keyring's unlock prompt to be answered.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeyringPromptTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
