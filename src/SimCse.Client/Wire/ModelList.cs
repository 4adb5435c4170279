namespace SimCse.Client.Wire;

/// <summary>OpenAI <c>{object: "list", data: [...]}</c> of models.</summary>
internal sealed record ModelList(IReadOnlyList<SimCseModel> Data);
