using FlowForge.Core.Secrets;
using Tmds.DBus.Protocol;

namespace FlowForge.Secrets.Keyring.SecretService;

/// <summary>
/// The calls of the freedesktop Secret Service API (<c>org.freedesktop.secrets</c>) FlowForge makes, over one D-Bus
/// connection and one session. Prompts (unlocking, some deletions) are shown by the service and awaited here.
/// </summary>
internal sealed class SecretServiceClient : IDisposable
{
    public const string BusName = "org.freedesktop.secrets";
    private const string ServicePath = "/org/freedesktop/secrets";
    private const string ServiceInterface = "org.freedesktop.Secret.Service";
    private const string CollectionInterface = "org.freedesktop.Secret.Collection";
    private const string ItemInterface = "org.freedesktop.Secret.Item";
    private const string PromptInterface = "org.freedesktop.Secret.Prompt";
    private const string PropertiesInterface = "org.freedesktop.DBus.Properties";
    private const string NoObject = "/";
    private const string ContentType = "text/plain";

    /// <summary>No call waits longer for its answer (prompts have their own limit): a hung service must not hang a sync.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly DBusConnection _connection;
    private readonly TimeSpan _promptTimeout;

    private SecretServiceClient(DBusConnection connection, SecretSession session, TimeSpan promptTimeout)
    {
        _connection = connection;
        Session = session;
        _promptTimeout = promptTimeout;
        Disconnected = connection.DisconnectedAsync();
    }

    public SecretSession Session { get; }

    /// <summary>Completes when the bus connection is lost; the owner then connects again.</summary>
    public Task Disconnected { get; }

    /// <param name="plainOnly">Skip the Diffie-Hellman session (tests check that both algorithms work).</param>
    public static async Task<SecretServiceClient> ConnectAsync(string address, TimeSpan promptTimeout, bool plainOnly, CancellationToken cancellationToken)
    {
        var connection = new DBusConnection(address);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken);
            var session = plainOnly ? null : await TryOpenDhSessionAsync(connection, cancellationToken);
            if (session is null)
            {
                var (_, path) = await OpenSessionAsync(connection, SecretSession.PlainAlgorithm, null, cancellationToken);
                session = new PlainSession(path);
            }

            return new SecretServiceClient(connection, session, promptTimeout);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public Task<ObjectPath> ReadAliasAsync(string alias, CancellationToken cancellationToken) =>
        CallAsync(
            ServicePath,
            ServiceInterface,
            "ReadAlias",
            "s",
            (ref MessageWriter writer) => writer.WriteString(alias),
            (message, _) => message.GetBodyReader().ReadObjectPath(),
            cancellationToken);

    public Task<(ObjectPath[] Unlocked, ObjectPath[] Locked)> SearchItemsAsync(IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken) =>
        CallAsync(
            ServicePath,
            ServiceInterface,
            "SearchItems",
            "a{ss}",
            (ref MessageWriter writer) => WriteAttributes(ref writer, attributes),
            (message, _) =>
            {
                var reader = message.GetBodyReader();
                return (reader.ReadArrayOfObjectPath(), reader.ReadArrayOfObjectPath());
            },
            cancellationToken);

    public Task<bool> IsLockedAsync(ObjectPath objectPath, string @interface, CancellationToken cancellationToken) =>
        CallAsync(
            objectPath,
            PropertiesInterface,
            "Get",
            "ss",
            (ref MessageWriter writer) =>
            {
                writer.WriteString(@interface);
                writer.WriteString("Locked");
            },
            (message, _) => message.GetBodyReader().ReadVariantValue().GetBool(),
            cancellationToken);

    public Task<bool> IsCollectionLockedAsync(ObjectPath collection, CancellationToken cancellationToken) =>
        IsLockedAsync(collection, CollectionInterface, cancellationToken);

    /// <summary>Unlocks what it can, through the service's prompt when it asks for one; returns what is unlocked.</summary>
    public async Task<ObjectPath[]> UnlockAsync(ObjectPath[] objects, CancellationToken cancellationToken)
    {
        var (unlocked, prompt) = await CallAsync(
            ServicePath,
            ServiceInterface,
            "Unlock",
            "ao",
            (ref MessageWriter writer) => writer.WriteArray(objects),
            (message, _) =>
            {
                var reader = message.GetBodyReader();
                return (reader.ReadArrayOfObjectPath(), reader.ReadObjectPath());
            },
            cancellationToken);
        if (prompt.ToString() == NoObject)
        {
            return unlocked;
        }

        var (dismissed, result) = await PromptAsync(prompt, cancellationToken);
        return dismissed ? unlocked : [.. unlocked, .. result.GetArray<ObjectPath>()];
    }

    /// <summary>Locks collections or items (FlowForge never does; tests do, to see it unlock).</summary>
    public Task LockAsync(ObjectPath[] objects, CancellationToken cancellationToken) =>
        CallAsync(
            ServicePath,
            ServiceInterface,
            "Lock",
            "ao",
            (ref MessageWriter writer) => writer.WriteArray(objects),
            (message, _) => message.GetBodyReader().ReadArrayOfObjectPath(),
            cancellationToken);

    /// <summary>The secrets of unlocked items, as bytes the caller zeroes.</summary>
    public async Task<IReadOnlyList<byte[]>> GetSecretsAsync(ObjectPath[] items, CancellationToken cancellationToken)
    {
        var wrapped = await CallAsync(
            ServicePath,
            ServiceInterface,
            "GetSecrets",
            "aoo",
            (ref MessageWriter writer) =>
            {
                writer.WriteArray(items);
                writer.WriteObjectPath(Session.Path);
            },
            (message, _) =>
            {
                var reader = message.GetBodyReader();
                var secrets = new List<(byte[] Parameters, byte[] Value)>();
                var end = reader.ReadDictionaryStart();
                while (reader.HasNext(end))
                {
                    _ = reader.ReadObjectPath();
                    reader.AlignStruct();
                    _ = reader.ReadObjectPath();
                    var parameters = reader.ReadArrayOfByte();
                    var value = reader.ReadArrayOfByte();
                    _ = reader.ReadString();
                    secrets.Add((parameters, value));
                }

                return secrets;
            },
            cancellationToken);
        return [.. wrapped.Select(secret => Session.Unwrap(secret.Parameters, secret.Value))];
    }

    /// <summary>Creates the item, or replaces the one with the same attributes.</summary>
    public async Task CreateItemAsync(
        ObjectPath collection, string label, IReadOnlyDictionary<string, string> attributes, ReadOnlyMemory<byte> secret, CancellationToken cancellationToken)
    {
        var (parameters, value) = Session.Wrap(secret.Span);
        var prompt = await CallAsync(
            collection,
            CollectionInterface,
            "CreateItem",
            "a{sv}(oayays)b",
            (ref MessageWriter writer) =>
            {
                var properties = writer.WriteDictionaryStart();
                writer.WriteDictionaryEntryStart();
                writer.WriteString("org.freedesktop.Secret.Item.Label");
                writer.WriteVariantString(label);
                writer.WriteDictionaryEntryStart();
                writer.WriteString("org.freedesktop.Secret.Item.Attributes");
                writer.WriteVariant(new Dict<string, string>(attributes.ToDictionary()).AsVariantValue());
                writer.WriteDictionaryEnd(properties);
                writer.WriteStructureStart();
                writer.WriteObjectPath(Session.Path);
                writer.WriteArray(parameters);
                writer.WriteArray(value);
                writer.WriteString(ContentType);
                writer.WriteBool(true);
            },
            (message, _) =>
            {
                var reader = message.GetBodyReader();
                _ = reader.ReadObjectPath();
                return reader.ReadObjectPath();
            },
            cancellationToken);
        if (prompt.ToString() != NoObject && (await PromptAsync(prompt, cancellationToken)).Dismissed)
        {
            throw new SecretStoreUnavailableException("the keyring's prompt to store the secret was dismissed");
        }
    }

    public async Task DeleteItemAsync(ObjectPath item, CancellationToken cancellationToken)
    {
        var prompt = await CallAsync(
            item,
            ItemInterface,
            "Delete",
            null,
            null,
            (message, _) => message.GetBodyReader().ReadObjectPath(),
            cancellationToken);
        if (prompt.ToString() != NoObject && (await PromptAsync(prompt, cancellationToken)).Dismissed)
        {
            throw new SecretStoreUnavailableException("the keyring's prompt to delete the secret was dismissed");
        }
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>
    /// Shows the service's prompt and waits for its <c>Completed</c> signal, subscribed before the prompt is shown so
    /// the answer cannot be missed. A prompt nobody answers in time is dismissed and reported, never waited on forever.
    /// </summary>
    private async Task<(bool Dismissed, VariantValue Result)> PromptAsync(ObjectPath prompt, CancellationToken cancellationToken)
    {
        var completed = new TaskCompletionSource<(bool, VariantValue)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = await _connection.WatchSignalAsync(
            BusName,
            prompt,
            PromptInterface,
            "Completed",
            (message, _) =>
            {
                var reader = message.GetBodyReader();
                return (reader.ReadBool(), reader.ReadVariantValue());
            },
            notification =>
            {
                if (notification.HasValue)
                {
                    completed.TrySetResult(notification.Value);
                }
                else if (notification.IsCompletion && notification.Type != NotificationType.ObserverDisposed && notification.CompletionReason is { } exception)
                {
                    completed.TrySetException(new SecretStoreUnavailableException($"the keyring's prompt failed: {exception.Message}", exception));
                }
            },
            ObserverFlags.None,
            false,
            null);
        await CallAsync(prompt, PromptInterface, "Prompt", "s", (ref MessageWriter writer) => writer.WriteString(string.Empty), cancellationToken);
        try
        {
            return await completed.Task.WaitAsync(_promptTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            await CallAsync(prompt, PromptInterface, "Dismiss", null, null, CancellationToken.None);
            throw new SecretStoreUnavailableException(
                $"the keyring asked to be unlocked and nobody answered its prompt within {_promptTimeout.TotalSeconds:0} s; unlock it (e.g. by logging in to the desktop) and try again");
        }
    }

    private static async Task<SecretSession?> TryOpenDhSessionAsync(DBusConnection connection, CancellationToken cancellationToken)
    {
        var (exponent, publicKey) = DhSession.CreateKeyPair();
        try
        {
            var (output, path) = await OpenSessionAsync(connection, SecretSession.DhAlgorithm, publicKey, cancellationToken);
            return DhSession.Create(path, exponent, output.GetArray<byte>());
        }
        catch (DBusErrorReplyException exception) when (exception.ErrorName == "org.freedesktop.DBus.Error.NotSupported")
        {
            return null;
        }
    }

    private static Task<(VariantValue Output, ObjectPath Path)> OpenSessionAsync(
        DBusConnection connection, string algorithm, byte[]? publicKey, CancellationToken cancellationToken) =>
        Call(
            connection,
            ServicePath,
            ServiceInterface,
            "OpenSession",
            "sv",
            (ref MessageWriter writer) =>
            {
                writer.WriteString(algorithm);
                if (publicKey is null)
                {
                    writer.WriteVariantString(string.Empty);
                }
                else
                {
                    writer.WriteVariant(VariantValue.Array(publicKey));
                }
            },
            (message, _) =>
            {
                var reader = message.GetBodyReader();
                return (reader.ReadVariantValue(), reader.ReadObjectPath());
            },
            cancellationToken);

    private static void WriteAttributes(ref MessageWriter writer, IReadOnlyDictionary<string, string> attributes)
    {
        var start = writer.WriteDictionaryStart();
        foreach (var (name, value) in attributes)
        {
            writer.WriteDictionaryEntryStart();
            writer.WriteString(name);
            writer.WriteString(value);
        }

        writer.WriteDictionaryEnd(start);
    }

    private Task<T> CallAsync<T>(
        string path, string @interface, string member, string? signature, ArgumentWriter? write, MessageValueReader<T> read, CancellationToken cancellationToken) =>
        Call(_connection, path, @interface, member, signature, write, read, cancellationToken);

    private Task CallAsync(string path, string @interface, string member, string? signature, ArgumentWriter? write, CancellationToken cancellationToken) =>
        Bounded(_connection.CallMethodAsync(Message(_connection, path, @interface, member, signature, write)), member, cancellationToken);

    private static Task<T> Call<T>(
        DBusConnection connection,
        string path,
        string @interface,
        string member,
        string? signature,
        ArgumentWriter? write,
        MessageValueReader<T> read,
        CancellationToken cancellationToken) =>
        Bounded(connection.CallMethodAsync(Message(connection, path, @interface, member, signature, write), read), member, cancellationToken);

    private static async Task<T> Bounded<T>(Task<T> call, string member, CancellationToken cancellationToken)
    {
        await Bounded((Task)call, member, cancellationToken);
        return await call;
    }

    private static async Task Bounded(Task call, string member, CancellationToken cancellationToken)
    {
        try
        {
            await call.WaitAsync(CallTimeout, cancellationToken);
        }
        catch (TimeoutException exception)
        {
            throw new SecretStoreUnavailableException($"the Secret Service did not answer {member} within {CallTimeout.TotalSeconds:0} s", exception);
        }
    }

    private static MessageBuffer Message(DBusConnection connection, string path, string @interface, string member, string? signature, ArgumentWriter? write)
    {
        var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(destination: BusName, path: path, @interface: @interface, member: member, signature: signature);
        write?.Invoke(ref writer);
        return writer.CreateMessage();
    }

    private delegate void ArgumentWriter(ref MessageWriter writer);
}
