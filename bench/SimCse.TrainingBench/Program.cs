using SimCse.TrainingBench;

// dotnet run -c Release --project bench/SimCse.TrainingBench -- supervised|unsupervised|throughput [--option value ...]
// Training jobs run inside the service, so on its allocator (see NativeAllocatorPreload).
SimCse.Modeling.Runtime.NativeAllocatorPreload.EnsurePreloaded(typeof(Program).Assembly);
if (args.Length == 0 || args[0] is not ("supervised" or "unsupervised" or "throughput"))
{
    Console.Error.WriteLine("""
        usage: supervised|unsupervised|throughput [--option value ...]
          common:       --threads N --name report-name --dtype float32|bfloat16 --seed N
          supervised:   --model arctic-embed-xs --batch 64 --lr 5e-5 --epochs 1 --steps N --max-seq-length 32
                        --temperature 0.05 --hard-negative-weight 0 --pooling cls_before_pooler --eval-steps 25 --mini-batch N
          unsupervised: --model all-MiniLM-L6-v2 --dropouts 0.1,0 --batch 64 --lr 3e-5 --steps 150 --eval-steps 50 --mini-batch N
          throughput:   --model all-MiniLM-L6-v2 --batch 64 --length 32 --steps 3
        Reports go to bench/results/training-<name>.md.
        """);
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
