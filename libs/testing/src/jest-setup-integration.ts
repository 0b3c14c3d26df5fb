// Integration and system tests wait on real servers and processes: give them room. Speed is
// measured in benchmarks, never here.
jest.setTimeout(process.env.KC_TEST_TIMEOUT_MS ? Number(process.env.KC_TEST_TIMEOUT_MS) : 60_000);
