/** What the benchmarks share: counting the emulator's requests and the transactions a call committed, bulk inserts, answers' data. */
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

/** Requests one call made, and the sizes of the transactions it committed. */
export async function measure(cloud: TestCloud, call: () => Promise<unknown>) {
  const committedBefore = (await committedSizes(cloud)).length
  const requests = await roundTrips(cloud, call)
  const transactions = (await committedSizes(cloud)).slice(committedBefore)
  return { requests, transactions }
}

/** Writes documents straight into a collection through the emulator's admin door, 1000 at a time (a bench's bulk data). */
export async function insert(cloud: TestCloud, collection: string, docs: object[]) {
  for (let i = 0; i < docs.length; i += 1000) {
    const res = await fetch(`${cloud.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.insertDocument', collectionName: collection, data: docs.slice(i, i + 1000).map((d) => JSON.stringify(d)) }),
    })
    const answer = (await res.json()) as { code?: string; message?: string }
    if (answer.code) throw new Error(`${answer.code} ${answer.message}`)
  }
}

/** The data of an answer that must be ok; otherwise throws with its code and message. */
export function ok<T>(answer: { ok: true; data: T } | { ok: false; code: string; message: string }): T {
  if (!answer.ok) throw new Error(`${answer.code} ${answer.message}`)
  return answer.data
}
