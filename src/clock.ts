// Milliseconds on a monotonic clock, for durations. Not performance.now(): Node loads perf_hooks at the first
// use of `performance`, 1.4-2.8 ms of every run's start here.
export function monotonicMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1000 + nanoseconds / 1e6;
}
