using FlowForge.Core.Secrets;

namespace FlowForge.Secrets.Keyring;

/// <summary>
/// How a FlowForge secret is named in each OS keyring, so that people and other tools can find it: Secret Service
/// attributes (<c>secret-tool lookup application flowforge flowforge-key KEY</c>), a Credential Manager target
/// <c>FlowForge/KEY</c>, a Keychain item of service <c>FlowForge</c> and account <c>KEY</c>.
/// </summary>
public sealed record KeyringEntry
{
    public const string Application = "flowforge";
    public const string ApplicationAttribute = "application";
    public const string KeyAttribute = "flowforge-key";
    public const string InstanceAttribute = "instance";
    public const string FieldAttribute = "field";

    /// <summary>libsecret's schema attribute: keyring browsers group items by it, and <c>secret-tool search</c> lists attributes only with it.</summary>
    public const string SchemaAttribute = "xdg:schema";
    public const string Schema = "org.flowforge.Secret";
    public const string KeychainService = "FlowForge";
    public const string CredentialTargetPrefix = "FlowForge/";

    public KeyringEntry(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Key = key;
        (Instance, Field) = SecretKeys.Parse(key);
    }

    public string Key { get; }

    /// <summary>The instance the secret belongs to, when the key names one.</summary>
    public string? Instance { get; }

    public string? Field { get; }

    public string Label => Instance is null ? $"FlowForge: {Key}" : $"FlowForge: {Instance} {Field}";

    /// <summary>What FlowForge searches by: exactly one item has these.</summary>
    public IReadOnlyDictionary<string, string> SearchAttributes => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ApplicationAttribute] = Application,
        [KeyAttribute] = Key,
    };

    /// <summary>What an item is stored with: the search attributes, plus the instance and field for people browsing.</summary>
    public IReadOnlyDictionary<string, string> Attributes
    {
        get
        {
            var attributes = new Dictionary<string, string>(SearchAttributes, StringComparer.Ordinal) { [SchemaAttribute] = Schema };
            if (Instance is not null)
            {
                attributes[InstanceAttribute] = Instance;
                attributes[FieldAttribute] = Field!;
            }

            return attributes;
        }
    }

    public string CredentialTarget => CredentialTargetPrefix + Key;

    public string KeychainAccount => Key;
}
