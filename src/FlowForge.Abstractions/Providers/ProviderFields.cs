namespace FlowForge.Abstractions.Providers;

/// <summary>
/// The configuration fields most HTTP providers declare in the same way — an API root with a default, a secret token,
/// a webhook secret — so their keys, types and secrecy are the same everywhere; each provider words its own labels
/// and descriptions.
/// </summary>
public static class ProviderFields
{
    public const string BaseUrlKey = "baseUrl";
    public const string TokenKey = "token";
    public const string WebhookSecretKey = "webhookSecret";

    /// <summary>The API root, optional because <paramref name="defaultUrl"/> serves the hosted service.</summary>
    public static ConfigField ApiBaseUrl(string defaultUrl, string description) =>
        new(BaseUrlKey, "API base URL", ConfigFieldType.Url, Required: false, Description: description, DefaultValue: defaultUrl);

    /// <summary>The credential: required, and kept in the secret store only.</summary>
    public static ConfigField Token(string label, string description) =>
        new(TokenKey, label, ConfigFieldType.Text, Required: true, Secret: true, Description: description);

    /// <summary>
    /// What verifies webhook deliveries: optional (without it deliveries are refused and polling alone keeps runs
    /// fresh), and secret.
    /// </summary>
    public static ConfigField WebhookSecret(string label, string description) =>
        new(WebhookSecretKey, label, ConfigFieldType.Text, Required: false, Secret: true, Description: description);
}

/// <summary>Capability sets providers share, so each descriptor names what sets it apart rather than every flag.</summary>
public static class ProviderCapabilitySets
{
    /// <summary>Reading: discovery, pipelines, runs with their jobs, logs, and checking the credential.</summary>
    public const ProviderCapabilities ReadPath = ProviderCapabilities.Discovery | ProviderCapabilities.Pipelines
        | ProviderCapabilities.Runs | ProviderCapabilities.Logs | ProviderCapabilities.CredentialValidation;

    /// <summary>Acting: trigger parameters, trigger, re-run and cancel.</summary>
    public const ProviderCapabilities RunControl = ProviderCapabilities.Parameters | ProviderCapabilities.Trigger
        | ProviderCapabilities.Rerun | ProviderCapabilities.Cancel;
}
