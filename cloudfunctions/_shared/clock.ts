/**
 * The time functions act at. In CloudBase it is the machine's clock. In the local cloud a test may move it
 * (`POST /_emulator/clock`), so that "60 seconds later" or "next month" can be tested without waiting: the
 * functions run in the emulator's process, which keeps the offset in `LOCAL_CLOCK_OFFSET_MS`.
 */
export function now(): Date {
  const offset = process.env.LOCAL_CLOUD_URL ? Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0) : 0
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0))
}
