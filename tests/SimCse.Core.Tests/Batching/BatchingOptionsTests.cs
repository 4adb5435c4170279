using SimCse.Core.Batching;

namespace SimCse.Core.Tests.Batching;

public class BatchingOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_echo_tei()
    {
        var options = new BatchingOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(16384, options.MaxBatchTokens);
        Assert.Equal(256, options.MaxBatchRequests);
        Assert.Equal(512, options.MaxConcurrentRequests);
        Assert.Equal(256, options.MaxClientBatchSize);
        Assert.Equal(TimeSpan.Zero, options.MaxBatchDelay);
    }

    [Fact]
    public void Forward_lanes_default_to_two_on_a_multi_core_cpu_and_one_on_an_accelerator_and_must_be_positive()
    {
        Assert.Equal(Environment.ProcessorCount >= 2 ? 2 : 1, new BatchingOptions().EffectiveForwardLanes);
        Assert.Equal(1, new BatchingOptions { Device = BatchingDevice.Accelerator }.EffectiveForwardLanes);
        Assert.Equal(3, new BatchingOptions { ForwardLanes = 3 }.EffectiveForwardLanes);
        Assert.Contains(new BatchingOptions { ForwardLanes = 0 }.Validate(), error => error.Contains("ForwardLanes", StringComparison.Ordinal));
        Assert.Equal(16, new BatchingOptions { ForwardLanes = 2 }.PassLimits.MaxRows);
        Assert.Equal(32, new BatchingOptions { ForwardLanes = 1 }.PassLimits.MaxRows);
        Assert.Equal(8, new BatchingOptions { ForwardLanes = 2, MaxPassRows = 8 }.PassLimits.MaxRows);
    }

    [Fact]
    public void Every_broken_rule_is_reported()
    {
        var options = new BatchingOptions
        {
            MaxBatchTokens = 0,
            MaxBatchRequests = -1,
            MaxBatchDelay = TimeSpan.FromSeconds(-1),
            PreviousModelsToKeep = -1,
        };

        var errors = options.Validate();

        Assert.Equal(4, errors.Count);
        Assert.Throws<ArgumentException>(options.ThrowIfInvalid);
    }

    [Fact]
    public void Client_batch_size_above_the_permits_is_invalid_because_it_could_never_be_admitted()
    {
        var options = new BatchingOptions { MaxConcurrentRequests = 8, MaxClientBatchSize = 9 };

        var error = Assert.Single(options.Validate());

        Assert.Contains(nameof(BatchingOptions.MaxClientBatchSize), error, StringComparison.Ordinal);
    }
}
