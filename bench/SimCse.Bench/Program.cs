using SimCse.Bench;

// dotnet run -c Release --project bench/SimCse.Bench -- encoder|memory|profile|lanes [--quick]
// The allocator the service runs on, for both engines in this process (see NativeAllocatorPreload).
SimCse.Modeling.Runtime.NativeAllocatorPreload.EnsurePreloaded(typeof(Program).Assembly);
bool quick = args.Contains("--quick");
switch (args.FirstOrDefault(arg => !arg.StartsWith("--", StringComparison.Ordinal)))
{
    case "encoder":
        EncoderBenchmark.Run(quick);
        return 0;
    case "profile":
        ProfileBenchmark.Run(quick);
        return 0;
    case "lanes":
        LanesBenchmark.Run(quick);
        return 0;
    case "memory":
        MemoryBenchmark.Run(quick);
        return 0;
    default:
        Console.Error.WriteLine("usage: SimCse.Bench encoder|memory|profile|lanes [--quick]");
        return 2;
}
