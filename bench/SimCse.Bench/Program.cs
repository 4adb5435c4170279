using SimCse.Bench;

// dotnet run -c Release --project bench/SimCse.Bench -- encoder|memory|profile|lanes [--quick]
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
