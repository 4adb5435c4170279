namespace SimCse.Api.OpenApi;

/// <summary>
/// Endpoint metadata: a working JSON request body shown (and runnable) in Swagger UI. A route with several
/// (each with its <paramref name="Name"/>) gets OpenAPI <c>examples</c>, one named entry each, that Swagger UI offers in a list.
/// </summary>
public sealed record RequestExample(string Json, string? Name = null, string? Summary = null);
