namespace SimCse.Modeling.Tests.Reference;

/// <summary>
/// One collection for every test that needs the real models: they share one load per model and run one
/// after another, which keeps the two runtimes from competing for the same cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReferenceModelsGroup : ICollectionFixture<ReferenceModelsFixture>
{
    public const string Name = "Reference models";
}
