namespace SimCse.Core.Errors;

/// <summary>
/// What went wrong, in the terms a client can act on. The API maps each kind to one HTTP status and
/// ProblemDetails type in a single table, so Core never needs to know about HTTP.
/// </summary>
public enum ErrorKind
{
    /// <summary>The request is malformed (400).</summary>
    BadRequest,

    /// <summary>A named resource (model, file, job) does not exist (404).</summary>
    NotFound,

    /// <summary>The request conflicts with the current state (409).</summary>
    Conflict,

    /// <summary>The request or one of its batches is larger than allowed (413).</summary>
    PayloadTooLarge,

    /// <summary>The body is not in a format the route accepts (415).</summary>
    UnsupportedMediaType,

    /// <summary>Well-formed but cannot be processed, e.g. an input over the token limit (422).</summary>
    Unprocessable,

    /// <summary>Too much work is queued; retry later (429 with Retry-After).</summary>
    Overloaded,

    /// <summary>No model is serving yet, or the runtime is shutting down (503).</summary>
    NotReady,

    /// <summary>The model failed while computing (500; not the client's fault).</summary>
    ModelFailure,
}
