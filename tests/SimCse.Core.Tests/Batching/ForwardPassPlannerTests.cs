using SimCse.Core.Batching;

namespace SimCse.Core.Tests.Batching;

public sealed class ForwardPassPlannerTests
{
    private static readonly ForwardPassLimits Cpu = ForwardPassLimits.Cpu;

    [Fact]
    public void Every_input_is_planned_exactly_once()
    {
        int[] lengths = Enumerable.Range(0, 200).Select(i => 3 + (i * 37 % 120)).ToArray();

        var passes = ForwardPassPlanner.Plan(lengths, Cpu);

        Assert.Equal(Enumerable.Range(0, 200), passes.SelectMany(pass => pass).Order());
    }

    [Fact]
    public void Similar_lengths_share_one_pass()
    {
        Assert.Single(ForwardPassPlanner.Plan([10, 11, 10, 12, 11, 10], Cpu));
    }

    [Fact]
    public void Short_and_long_inputs_are_separated_and_ties_keep_input_order()
    {
        var passes = ForwardPassPlanner.Plan([5, 120, 6, 118, 5], new ForwardPassLimits(32, 4096, 0.2));

        Assert.Equal([[0, 4, 2], [3, 1]], passes);
    }

    [Fact]
    public void An_input_longer_than_the_token_budget_still_runs_alone()
    {
        Assert.Equal([[0], [1]], ForwardPassPlanner.Plan([512, 512], new ForwardPassLimits(32, 256, 0.2)));
    }

    [Fact]
    public void Row_limit_splits_equal_lengths()
    {
        var passes = ForwardPassPlanner.Plan(Enumerable.Repeat(10, 70).ToArray(), new ForwardPassLimits(32, 100000, 0));

        Assert.Equal([32, 32, 6], passes.Select(pass => pass.Length));
    }

    [Fact]
    public void Device_defaults_differ_cpu_small_gpu_large()
    {
        Assert.True(ForwardPassLimits.Accelerator.MaxRows > ForwardPassLimits.Cpu.MaxRows);
        Assert.True(ForwardPassLimits.Accelerator.MaxTokens > ForwardPassLimits.Cpu.MaxTokens);
        Assert.Equal(ForwardPassLimits.Accelerator, new BatchingOptions { Device = BatchingDevice.Accelerator }.PassLimits);
        Assert.Equal(new ForwardPassLimits(8, 2048, 0.2), new BatchingOptions { MaxPassRows = 8 }.PassLimits);
    }

    /// <summary>Property test over seeded random inputs and limits: partition, order and every limit.</summary>
    [Fact]
    public void Random_plans_partition_the_inputs_sort_each_pass_and_respect_every_limit()
    {
        var random = new Random(20261201);
        for (var trial = 0; trial < 500; trial++)
        {
            int[] lengths = Enumerable.Range(0, random.Next(1, 300)).Select(_ => random.Next(1, 300)).ToArray();
            var limits = new ForwardPassLimits(random.Next(1, 64), random.Next(1, 8192), random.NextDouble());

            var passes = ForwardPassPlanner.Plan(lengths, limits);

            Assert.Equal(Enumerable.Range(0, lengths.Length), passes.SelectMany(pass => pass).Order());
            var previousLongest = 0;
            foreach (int[] pass in passes)
            {
                int[] passLengths = pass.Select(index => lengths[index]).ToArray();
                Assert.Equal(passLengths.Order(), passLengths);
                Assert.True(passLengths[0] >= previousLongest, "passes come shortest first");
                previousLongest = passLengths[^1];
                for (var i = 1; i < pass.Length; i++)
                {
                    Assert.True(lengths[pass[i - 1]] < lengths[pass[i]] || pass[i - 1] < pass[i], "ties keep input order");
                }

                if (pass.Length > 1)
                {
                    long padded = (long)pass.Length * passLengths[^1];
                    Assert.True(pass.Length <= limits.MaxRows, $"trial {trial}: {pass.Length} rows > {limits.MaxRows}");
                    Assert.True(padded <= limits.MaxTokens, $"trial {trial}: {padded} tokens > {limits.MaxTokens}");
                    Assert.True(padded - passLengths.Sum() <= limits.MaxPaddingFraction * padded, $"trial {trial}: padding");
                }
            }
        }
    }
}
