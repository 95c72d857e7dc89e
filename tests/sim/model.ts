/**
 * The simulation's model: only what commands need to pick plausible inputs (which claims, vouchers, listings and
 * objections exist, whose they are, what state the last answer left them in) and what the community's settings are.
 * The truth is always the cloud's: invariants read it through the SDK, never from here.
 */
import type { World } from './world'

export interface ClaimInfo {
  id: string
  /** The person the claim is for (a key of World.people). */
  resident: string
  /** Who filed it: the resident, or the head or grid worker who filed it by proxy (openid). */
  filer: string
  status: string
}

export interface VoucherInfo {
  id: string
  /** The owner's key. */
  owner: string
  status: string
}

export interface Model {
  claims: ClaimInfo[]
  vouchers: VoucherInfo[]
  listings: { id: string; status: string }[]
  objections: { id: string; status: string }[]
  settings: { settlement: 'instant' | 'monthly'; householdWallet: boolean; refundExpiredVouchers: boolean; publicityDays: number }
  /** How many steps have run (the privacy reads rotate with it). */
  steps: number
}

export const newModel = (): Model => ({
  claims: [],
  vouchers: [],
  listings: [],
  objections: [],
  settings: { settlement: 'instant', householdWallet: false, refundExpiredVouchers: true, publicityDays: 7 },
  steps: 0,
})

/** The `n`-th of `items` (wrapping), or undefined when there are none: how a command's number picks a target. */
export function pick<T>(items: readonly T[], n: number): T | undefined {
  return items.length ? items[n % items.length] : undefined
}

/** Prefers the items `wanted` keeps, falling back to all of them (a command on a target in the wrong state is a refusal worth asking for too). */
export function pickPreferring<T>(items: readonly T[], wanted: (t: T) => boolean, n: number, strict: boolean): T | undefined {
  const good = items.filter(wanted)
  return strict || good.length ? pick(good, n) : pick(items, n)
}

/** The person with `key`. */
export function person(w: World, key: string) {
  const found = [...w.people, w.grid, w.admin, w.clerk].find((p) => p.key === key)
  if (!found) throw new Error(`没有这个人：${key}`)
  return found
}
