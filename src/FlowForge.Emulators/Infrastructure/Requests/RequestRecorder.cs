using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Infrastructure.Requests;

/// <summary>What every request log entry starts from, taken as the request arrived.</summary>
/// <param name="At">Arrival on the emulator's clock.</param>
/// <param name="PathAndQuery">The request target as sent, path base included.</param>
internal sealed record ArrivedRequest(DateTimeOffset At, string Method, string PathAndQuery, bool HadAuthorization, string? IfNoneMatch);

/// <summary>A provider's part of request logging: which requests count, and the entry its log keeps for one.</summary>
internal interface IRequestRecorder
{
    /// <summary>Asked as the request arrives, before anything rewrote its path.</summary>
    bool Records(HttpContext context);

    /// <summary>Called once, as the answer starts (its headers and the gate's verdict settled), or with 500 when it failed before.</summary>
    void Record(HttpContext context, ArrivedRequest request, int statusCode);
}
