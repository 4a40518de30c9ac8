namespace FlowForge.Abstractions.Providers;

/// <summary>
/// A provider kind: its descriptor and a factory for connections to one configured instance.
/// Implementations are registered in dependency injection and must be cheap to construct.
/// </summary>
public interface IProviderPlugin
{
    ProviderDescriptor Descriptor { get; }

    /// <summary>
    /// Creates the connection for one instance. It does no I/O; errors in the settings surface as
    /// <see cref="ProviderException"/> of kind <see cref="ProviderErrorKind.Misconfigured"/>.
    /// The connection implements the capability interfaces the descriptor declares.
    /// </summary>
    IProviderConnection Connect(ProviderConnectionContext context);
}
