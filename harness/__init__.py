"""The test harness: the servers started as production starts them, clients for each channel, the
evaluations of answers and intents, and the load generator. Used by tests/, benchmarks/ and scripts."""
