using static TorchSharp.torch;

namespace SimCse.Modeling.Encoders;

/// <summary>Resolves <see cref="EncoderOptions"/> to a libtorch device and dtype, refusing what this host cannot run.</summary>
public sealed record TorchPlacement(Device Device, ScalarType DType)
{
    public static TorchPlacement Resolve(EncoderOptions options)
    {
        string device = options.Device.Trim().ToLowerInvariant();
        Device resolvedDevice = device switch
        {
            "auto" => cuda.is_available() ? CUDA : CPU,
            "cpu" => CPU,
            _ when device.StartsWith("cuda", StringComparison.Ordinal) => RequireCuda(device),
            _ => throw new ArgumentException($"Unknown device '{options.Device}': expected auto, cpu, cuda or cuda:N."),
        };
        ScalarType dtype = options.DType.Trim().ToLowerInvariant() switch
        {
            "float32" or "fp32" => ScalarType.Float32,
            "bfloat16" or "bf16" => ScalarType.BFloat16,
            "float16" or "fp16" or "half" => ScalarType.Float16,
            _ => throw new ArgumentException($"Unknown dtype '{options.DType}': expected float32, bfloat16 or float16."),
        };
        return new TorchPlacement(resolvedDevice, dtype);
    }

    private static Device RequireCuda(string device)
    {
        if (!cuda.is_available())
        {
            throw new ArgumentException($"Device '{device}' requested but CUDA is not available in this build or host.");
        }
        return new Device(device);
    }
}
