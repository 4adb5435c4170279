namespace SimCse.Api.OpenApi;

/// <summary>Declares the problem+json responses every /v1 route can give, so clients see them in the document.</summary>
public static class ProblemResponses
{
    private static readonly int[] Standard =
    [
        StatusCodes.Status400BadRequest,
        StatusCodes.Status401Unauthorized,
        StatusCodes.Status404NotFound,
        StatusCodes.Status413PayloadTooLarge,
        StatusCodes.Status422UnprocessableEntity,
        StatusCodes.Status429TooManyRequests,
        StatusCodes.Status503ServiceUnavailable,
    ];

    public static RouteHandlerBuilder ProducesStandardProblems(this RouteHandlerBuilder builder)
    {
        foreach (int status in Standard)
        {
            builder.ProducesProblem(status);
        }
        return builder;
    }
}
