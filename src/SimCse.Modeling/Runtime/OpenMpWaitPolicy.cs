using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SimCse.Modeling.Runtime;

/// <summary>
/// Makes libtorch's OpenMP threads sleep instead of spin while they wait for work, unless the user chose
/// otherwise. With the default (active) policy, any other busy process on the same cores — a training job
/// beside serving, a noisy neighbour, a container CPU quota — turns every parallel region into a spin-lock
/// fight: measured here on 2 shared cores, MiniLM batch 8 went from 70 to 3 sentences/s. Passive waiting
/// costs a few percent on an idle machine and removes that cliff.
/// </summary>
/// <remarks>
/// libgomp reads <c>OMP_WAIT_POLICY</c> once, when libtorch is loaded, and from the native environment:
/// .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach native
/// <c>getenv</c> on Linux, hence libc <c>setenv</c>, from a module initializer that runs before any
/// code of this assembly touches TorchSharp.
/// </remarks>
public static partial class OpenMpWaitPolicy
{
    private const string Variable = "OMP_WAIT_POLICY";

#pragma warning disable CA2255 // Deliberate: must run before the first TorchSharp call loads libgomp.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void PreferPassiveWaiting()
    {
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable(Variable) is null)
        {
            _ = SetEnvironment(Variable, "PASSIVE", overwrite: 0);
        }
    }

    /// <summary>The policy libgomp sees (the native environment, which .NET's own view does not track).</summary>
    public static string? Current => OperatingSystem.IsLinux() ? Marshal.PtrToStringUTF8(GetEnvironment(Variable)) : Environment.GetEnvironmentVariable(Variable);

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnvironment(string name);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
