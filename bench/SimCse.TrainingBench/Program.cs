using SimCse.TrainingBench;

// dotnet run -c Release --project bench/SimCse.TrainingBench -- supervised|unsupervised|throughput [--option value ...]
if (args.Length == 0 || args[0] is not ("supervised" or "unsupervised" or "throughput"))
{
    Console.Error.WriteLine("usage: supervised|unsupervised|throughput [--option value ...] (see README in bench/results)");
    return 2;
}
var options = new BenchArguments(args[1..]);
if (options.OptionalInt("threads") is { } threads)
{
    TorchSharp.torch.set_num_threads(threads);
}
switch (args[0])
{
    case "supervised":
        SupervisedRun.Run(options);
        break;
    case "unsupervised":
        UnsupervisedRun.Run(options);
        break;
    default:
        ThroughputRun.Run(options);
        break;
}
return 0;
