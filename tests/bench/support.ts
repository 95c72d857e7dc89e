/** What the benchmarks share: counting the emulator's requests and the transactions a call committed. */
import type { TestCloud } from '../support/cloud'

/** The per-action counts that changed between two readings of /_emulator/stats. */
export const delta = (before: Record<string, number>, after: Record<string, number>) => {
  const d: Record<string, number> = {}
  for (const [k, v] of Object.entries(after)) if (v !== (before[k] ?? 0)) d[k] = v - (before[k] ?? 0)
  return d
}

export const total = (d: Record<string, number>) => Object.values(d).reduce((n, v) => n + v, 0)

/** How many requests each committed transaction took, start and commit included, oldest first. */
export const committedSizes = async (cloud: TestCloud) =>
  ((await (await fetch(`${cloud.url}/_emulator/stats`)).json()) as { committedTransactionSizes: number[] }).committedTransactionSizes

/** The requests one call made, by action. */
export async function roundTrips(cloud: TestCloud, call: () => Promise<unknown>) {
  const before = await cloud.stats()
  await call()
  return delta(before, await cloud.stats())
}
