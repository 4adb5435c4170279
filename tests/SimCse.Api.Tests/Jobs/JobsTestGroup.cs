namespace SimCse.Api.Tests.Jobs;

/// <summary>Tests that share <see cref="JobsHost"/> run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class JobsTestGroup : ICollectionFixture<JobsHost>
{
    public const string Name = "Fine-tuning service";
}
