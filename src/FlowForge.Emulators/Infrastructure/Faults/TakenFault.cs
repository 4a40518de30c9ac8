using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Infrastructure.Faults;

/// <summary>The fault a request took, kept on the request for the response writer and the request log.</summary>
internal static class TakenFault
{
    /// <summary>Takes the next fault for this request (if any, and if <paramref name="appliesTo"/> lets it) and remembers it.</summary>
    public static TFault? TakeFault<TFault>(this HttpContext context, QueuedFaults<TFault> faults, Func<TFault, bool>? appliesTo = null)
        where TFault : class, IEmulatedFault
    {
        var fault = faults.TryTake(appliesTo);
        context.Features.Set(new Feature(fault));
        return fault;
    }

    public static IEmulatedFault? Fault(this HttpContext context) => context.Features.Get<Feature>()?.Fault;

    private sealed record Feature(IEmulatedFault? Fault);
}
