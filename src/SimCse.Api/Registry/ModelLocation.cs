using SimCse.Api.Persistence;
using SimCse.Modeling.Packaging;

namespace SimCse.Api.Registry;

/// <summary>A model id and where to load it from: a packaged model, or a Hugging Face folder.</summary>
public sealed record ModelLocation(string Id, PackagedModel? Packaged, string? Folder, string? BaseModel, ModelRecord? Record);
