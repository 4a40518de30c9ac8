namespace FlowForge.Emulators.Infrastructure.Faults;

/// <summary>
/// What the shared pieces need to know of a provider's fault: its name in the request log and on <c>/_emulator/faults</c>.
/// The providers' public fault records implement it (and the body-fault interfaces below) explicitly.
/// </summary>
internal interface IEmulatedFault
{
    string Kind { get; }
}

/// <summary>The normal answer with its JSON body cut in half, headers (and length) saying it is complete.</summary>
internal interface IMalformedJsonFault : IEmulatedFault;

/// <summary>The normal answer, its body held back for <see cref="Delay"/> on the emulator's clock.</summary>
internal interface ISlowBodyFault : IEmulatedFault
{
    TimeSpan Delay { get; }
}
