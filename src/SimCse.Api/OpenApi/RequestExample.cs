namespace SimCse.Api.OpenApi;

/// <summary>Endpoint metadata: a working JSON request body shown (and runnable) in Swagger UI.</summary>
public sealed record RequestExample(string Json);
