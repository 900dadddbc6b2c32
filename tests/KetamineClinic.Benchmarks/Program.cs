using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using KetamineClinic.Benchmarks;

// dotnet run -c Release --project tests/KetamineClinic.Benchmarks -- [--filter *] [BenchmarkDotNet options]
// The history databases are built once under $KC_BENCH_DIR (default /tmp/kc-bench) and reused.
if (args.Contains("--seed-only"))
{
    foreach (var size in new[] { 10_000, 100_000, 1_000_000 })
    {
        await HistoryDatabase.EnsureAsync(size);
    }

    return;
}

var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(SchedulingBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
