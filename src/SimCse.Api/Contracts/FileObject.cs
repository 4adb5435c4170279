namespace SimCse.Api.Contracts;

/// <summary>OpenAI file object.</summary>
public sealed record FileObject(string Id, long Bytes, long CreatedAt, string Filename, string Purpose)
{
    public string Object => "file";
}
