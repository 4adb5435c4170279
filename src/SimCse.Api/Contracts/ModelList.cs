namespace SimCse.Api.Contracts;

public sealed record ModelList(IReadOnlyList<ModelObject> Data)
{
    public string Object => "list";
}
