// The browser tests run one class at a time: each class starts its own server and Chromium, and on a 2-core CI
// machine running them side by side makes timing, not behaviour, decide the outcome.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
