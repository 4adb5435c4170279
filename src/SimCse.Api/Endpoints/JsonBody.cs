using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SimCse.Core.Errors;

namespace SimCse.Api.Endpoints;

/// <summary>
/// A JSON request body read from the request stream. Minimal APIs' own body binding deserializes from
/// the PipeReader and, when the JSON is bad, leaves a read pending that makes Kestrel drop the
/// connection after the 400; reading through the stream keeps the connection healthy, and the
/// <see cref="JsonException"/> (with the field path) reaches the problem handler unchanged.
/// </summary>
public sealed record JsonBody<T>(T Value)
    where T : class
{
#pragma warning disable CA1000 // Minimal APIs find custom binders only as a static BindAsync on the parameter's type.
    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context)
#pragma warning restore CA1000
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.HasJsonContentType())
        {
            throw new SimCseException(ErrorKind.UnsupportedMediaType, "Send the body as JSON with Content-Type: application/json.");
        }
        JsonSerializerOptions options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        T? value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, context.RequestAborted);
        return value is null ? throw new InvalidInputException("The request body must be a JSON object, not null.") : new JsonBody<T>(value);
    }
}
