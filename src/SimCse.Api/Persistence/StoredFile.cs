namespace SimCse.Api.Persistence;

/// <summary>An uploaded file. The bytes live under the data directory at a path derived from <see cref="Id"/>, never from the client's name.</summary>
public sealed class StoredFile
{
    public required string Id { get; set; }

    public required string Filename { get; set; }

    public required string Purpose { get; set; }

    public long Bytes { get; set; }

    public long CreatedAt { get; set; }

    public required string Sha256 { get; set; }
}
