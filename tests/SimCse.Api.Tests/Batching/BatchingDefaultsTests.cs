using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Tests.Infrastructure;
using SimCse.Core.Batching;

namespace SimCse.Api.Tests.Batching;

/// <summary>The forward-pass defaults follow the configured device; configured limits win.</summary>
[Collection(SharedService.Name)]
public sealed class BatchingDefaultsTests(ServiceFactory service)
{
    [Theory]
    [InlineData("cpu", BatchingDevice.Cpu)]
    [InlineData(" CPU ", BatchingDevice.Cpu)]
    [InlineData("cuda", BatchingDevice.Accelerator)]
    [InlineData("cuda:1", BatchingDevice.Accelerator)]
    public void The_device_setting_picks_the_pass_defaults(string device, BatchingDevice expected)
    {
        Assert.Equal(expected, BatchingDeviceDefaults.For(device));
    }

    [Fact]
    public void The_service_on_cpu_plans_cpu_sized_forward_passes()
    {
        BatchingOptions options = service.Services.GetRequiredService<IOptions<BatchingOptions>>().Value;

        Assert.Equal(BatchingDevice.Cpu, options.Device);
        Assert.Equal(Environment.ProcessorCount >= 2 ? 2 : 1, options.EffectiveForwardLanes);
        Assert.Equal(options.EffectiveForwardLanes > 1 ? ForwardPassLimits.CpuOnLanes : ForwardPassLimits.Cpu, options.PassLimits);
    }
}
