namespace SimCse.Modeling.Tests.Training;

/// <summary>
/// libtorch's default generator is process-wide: tests that seed it and compare dropout-dependent results
/// must not run beside other tests that draw from it, so this collection runs alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchRandomStateGroup
{
    public const string Name = "torch random state";
}
