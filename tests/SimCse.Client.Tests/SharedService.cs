namespace SimCse.Client.Tests;

/// <summary>All client tests share one started service.</summary>
[CollectionDefinition(Name)]
public sealed class SharedService : ICollectionFixture<ServiceHost>
{
    public const string Name = "service";
}
