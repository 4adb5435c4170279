namespace SimCse.Api.Contracts;

/// <summary>OpenAI deletion result (<c>{id, object, deleted}</c>).</summary>
public sealed record DeletedObject(string Id, string Object, bool Deleted);
