namespace SimCse.Api.Contracts;

/// <summary><c>POST /v1/tokenize</c> body.</summary>
public sealed record TokenizeRequest
{
    public TextInput? Input { get; init; }

    public string? Model { get; init; }
}
