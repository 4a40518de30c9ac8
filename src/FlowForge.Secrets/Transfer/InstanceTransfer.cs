using System.Security.Cryptography;
using System.Text.Json;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Errors;
using FlowForge.Core.Instances;
using FlowForge.Core.Persistence;
using FlowForge.Core.Secrets;
using FlowForge.Secrets.Vault;

namespace FlowForge.Secrets.Transfer;

/// <summary>
/// Exports instances with their secrets sealed under a passphrase, and imports such an export: each instance is
/// created through <see cref="InstanceService"/> (so its secrets go to this FlowForge's default store), and each
/// one's outcome is reported on its own.
/// </summary>
public sealed class InstanceTransfer(IInstanceRepository instances, SecretResolver secrets, InstanceService service, TimeProvider time)
{
    /// <param name="ids">The instances to export; all when null or empty.</param>
    /// <returns>The document, and per instance the secret fields that could not be read and are not in it.</returns>
    public async Task<(InstanceExportDocument Document, IReadOnlyDictionary<string, IReadOnlyList<string>> Missing)> ExportAsync(
        string passphrase, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        CheckPassphrase(passphrase);
        var all = await instances.ListAsync(cancellationToken);
        var wanted = ids is { Count: > 0 } ? all.Where(instance => ids.Contains(instance.Id, StringComparer.Ordinal)).ToList() : [.. all];
        if (ids is { Count: > 0 } && ids.Except(wanted.Select(instance => instance.Id), StringComparer.Ordinal).FirstOrDefault() is { } unknown)
        {
            throw new NotFoundException($"No instance '{unknown}'.");
        }

        var sealedSecrets = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var missing = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var exported = new List<ExportedInstance>();
        foreach (var instance in wanted)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var absent = new List<string>();
            foreach (var (field, text) in instance.SecretReferences)
            {
                var value = SecretReference.TryParse(text, out var reference) ? await ExportedValueAsync(reference, cancellationToken) : null;
                if (value is null)
                {
                    absent.Add(field);
                }
                else
                {
                    values[field] = value;
                }
            }

            sealedSecrets[instance.Id] = values;
            if (absent.Count > 0)
            {
                missing[instance.Id] = absent;
            }

            exported.Add(new ExportedInstance(
                instance.Id,
                instance.Kind,
                instance.DisplayName,
                instance.Settings,
                (int)instance.RefreshInterval.TotalSeconds,
                new ExportedWatch(instance.Watch.All, instance.Watch.Sources),
                [.. values.Keys.Order(StringComparer.Ordinal)]));
        }

        var plaintext = JsonSerializer.SerializeToUtf8Bytes(sealedSecrets, ExportSecretsJson.Default.DictionaryStringDictionaryStringString);
        try
        {
            var sealedData = await Task.Run(() => SealedData.Seal(passphrase, plaintext), cancellationToken);
            var document = new InstanceExportDocument(
                InstanceExportDocument.FormatName, InstanceExportDocument.CurrentVersion, time.GetUtcNow(), exported, Convert.ToBase64String(sealedData));
            return (document, missing);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// Opens the sealed secrets first (a wrong passphrase or a damaged document creates nothing), then creates each
    /// instance; an instance whose id is taken or whose configuration is invalid is reported and skipped.
    /// </summary>
    public async Task<IReadOnlyList<ImportOutcome>> ImportAsync(InstanceExportDocument document, string passphrase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(passphrase);
        if (document.Format != InstanceExportDocument.FormatName || document.Version != InstanceExportDocument.CurrentVersion)
        {
            throw new ValidationFailedException(
                "document", $"This is not a FlowForge instance export of version {InstanceExportDocument.CurrentVersion} (format '{document.Format}', version {document.Version}).");
        }

        var secretsByInstance = await OpenSecretsAsync(document.Secrets, passphrase, cancellationToken);
        var outcomes = new List<ImportOutcome>();
        foreach (var exported in document.Instances ?? [])
        {
            outcomes.Add(await ImportOneAsync(exported, secretsByInstance.GetValueOrDefault(exported.Id ?? string.Empty), cancellationToken));
        }

        return outcomes;
    }

    private async Task<ImportOutcome> ImportOneAsync(ExportedInstance exported, Dictionary<string, string>? secretValues, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in exported.Settings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in secretValues ?? [])
        {
            settings[key] = value;
        }

        var draft = new InstanceDraft(
            exported.Id,
            exported.Kind,
            exported.DisplayName,
            settings,
            TimeSpan.FromSeconds(exported.RefreshIntervalSeconds),
            exported.Watch is null ? null : new WatchSelection(exported.Watch.All, exported.Watch.Sources ?? []));
        try
        {
            await service.AddAsync(draft, cancellationToken);
            return new ImportOutcome(exported.Id, ImportOutcome.Created, null, null);
        }
        catch (ConflictException conflict)
        {
            return new ImportOutcome(exported.Id, ImportOutcome.Conflict, conflict.Message, null);
        }
        catch (ValidationFailedException invalid)
        {
            return new ImportOutcome(exported.Id, ImportOutcome.Invalid, invalid.Message, invalid.Errors);
        }
        catch (SecretStoreUnavailableException unavailable)
        {
            return new ImportOutcome(exported.Id, ImportOutcome.Failed, $"The secret store is unavailable: {unavailable.Message}", null);
        }
    }

    private static async Task<Dictionary<string, Dictionary<string, string>>> OpenSecretsAsync(string? sealedBase64, string passphrase, CancellationToken cancellationToken)
    {
        byte[] sealedData;
        try
        {
            sealedData = Convert.FromBase64String(sealedBase64 ?? string.Empty);
        }
        catch (FormatException)
        {
            throw new ValidationFailedException("document.secrets", "The sealed secrets are not valid base64: the document was altered.");
        }

        byte[]? plaintext = null;
        try
        {
            plaintext = await Task.Run(() => SealedData.Open(passphrase, sealedData), cancellationToken);
            return JsonSerializer.Deserialize(plaintext, ExportSecretsJson.Default.DictionaryStringDictionaryStringString)
                ?? throw new VaultDamagedException("They hold no secrets map.");
        }
        catch (VaultPasswordException)
        {
            throw new ValidationFailedException("passphrase", "The passphrase does not open this export's secrets. Nothing was imported.");
        }
        catch (Exception exception) when (exception is VaultException or JsonException or ArgumentException)
        {
            throw new ValidationFailedException("document.secrets", $"The export's sealed secrets are damaged and were not read: {exception.Message} Nothing was imported.");
        }
        finally
        {
            if (plaintext is not null)
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }

    private async Task<string?> ExportedValueAsync(SecretReference reference, CancellationToken cancellationToken) =>
        reference.Scheme == "env" ? reference.ToString() : (await secrets.ResolveAsync(reference, cancellationToken))?.Reveal();

    private static void CheckPassphrase(string? passphrase)
    {
        if (passphrase is null || passphrase.Length < VaultPassword.MinimumLength)
        {
            throw new ValidationFailedException("passphrase", $"The passphrase must be at least {VaultPassword.MinimumLength} characters: it is all that protects the exported secrets.");
        }
    }
}

/// <summary>What happened to one instance of an import.</summary>
/// <param name="Status"><see cref="Created"/>, <see cref="Conflict"/> (the id is taken), <see cref="Invalid"/> or <see cref="Failed"/>.</param>
/// <param name="Errors">For an invalid instance, the messages by field (never a secret value).</param>
public sealed record ImportOutcome(string Id, string Status, string? Detail, IReadOnlyDictionary<string, string[]>? Errors)
{
    public const string Created = "created";
    public const string Conflict = "conflict";
    public const string Invalid = "invalid";
    public const string Failed = "failed";
}
