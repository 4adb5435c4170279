namespace SimCse.Api.Tests.Infrastructure;

/// <summary>Tests that share one default service (loading the model once for all of them).</summary>
[CollectionDefinition(Name)]
public sealed class SharedService : ICollectionFixture<ServiceFactory>, ICollectionFixture<ReferenceEncoder>
{
    public const string Name = "service";
}
