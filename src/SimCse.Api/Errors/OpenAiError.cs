namespace SimCse.Api.Errors;

/// <summary>
/// OpenAI's error object (<c>{"error": {message, type, param, code}}</c>), carried inside every problem
/// body so OpenAI SDKs and frameworks show the service's reason instead of a bare status.
/// </summary>
/// <param name="Message">The problem's <c>detail</c> (or its title when there is none).</param>
/// <param name="Type">OpenAI's error class: <c>invalid_request_error</c>, <c>authentication_error</c>, <c>rate_limit_error</c>, <c>server_error</c>, ...</param>
/// <param name="Param">The request field at fault, when the error names one.</param>
/// <param name="Code">A stable machine-readable code (<c>model_not_found</c>, <c>invalid_request</c>, ...).</param>
public sealed record OpenAiError(string Message, string Type, string? Param, string Code);
