using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FlowForge.Emulators.Infrastructure.Control;

/// <summary>
/// The <c>/_emulator</c> scripting endpoints' JSON, the same for every emulator: camelCase bodies in and out, a missing
/// field a 400, and the scenario's refusals mapped to statuses (unknown → 404, not now → 409, malformed → 400).
/// </summary>
internal static class ControlJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>The request body if it is a JSON object; an empty object when it is empty, not JSON or not an object.</summary>
    public static async Task<JsonElement> ReadObjectAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : EmptyObject;
        }
        catch (JsonException)
        {
            return EmptyObject;
        }
    }

    /// <summary>Runs a scripting call, answering the exceptions the scenario API throws with a <c>{"message"}</c> and their status.</summary>
    public static IResult Answer(Func<IResult> handler)
    {
        try
        {
            return handler();
        }
        catch (KeyNotFoundException e)
        {
            return Problem(StatusCodes.Status404NotFound, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return Problem(StatusCodes.Status409Conflict, e.Message);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            return Problem(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    public static IResult Created(object value) => Results.Json(value, Options, statusCode: StatusCodes.Status201Created);

    public static IResult Ok(object value) => Results.Json(value, Options);

    public static IResult Problem(int status, string message) => Results.Json(new { message }, Options, statusCode: status);

    public static JsonElement? Property(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) ? value : null;

    public static string Required(JsonElement body, string name) => Optional(body, name) ?? throw new ArgumentException($"'{name}' is required.");

    public static string? Optional(JsonElement body, string name) =>
        Property(body, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>True only for a JSON <c>true</c>.</summary>
    public static bool Flag(JsonElement body, string name) => Property(body, name) is { ValueKind: JsonValueKind.True };

    public static double? Double(JsonElement body, string name) => Property(body, name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    /// <summary>A JSON number, or a string holding one (ids are long, and shells quote them).</summary>
    public static long Number(JsonElement body, string name) =>
        Property(body, name) is { ValueKind: JsonValueKind.Number } value ? value.GetInt64() : long.Parse(Required(body, name), CultureInfo.InvariantCulture);

    /// <summary>How many requests a queued fault applies to: <c>count</c>, 1 by default.</summary>
    public static int Count(JsonElement body) => (int)(Double(body, "count") ?? 1);

    /// <summary>A fault kind as scripts spell it (<c>slow-body</c>, <c>SLOW_BODY</c>), normalized to <c>slow_body</c>.</summary>
    public static string FaultKind(JsonElement body) => Required(body, "kind").Replace("-", "_", StringComparison.Ordinal).ToLowerInvariant();
}
