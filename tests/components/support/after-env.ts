// A component test waits for nothing slow: a hang should fail fast, not after the e2e tests' minute.
jest.setTimeout(10_000)
