/**
 * The words residents read, in one place: the same thing is called the same on every screen and in every message a
 * resident gets, in words a 73-year-old uses. Staff screens may keep the office's terms (冲正, 初审); anything a resident
 * reads takes these. Tests that look for a word on a resident's screen look for it here.
 */
import { formatPoints } from './points'

export const GLOSSARY = {
  /** Points credited but not yet spendable: they become available when the month's publicity ends (was 待生效). */
  pending: '公示后可用',
  /** What can be spent now. */
  available: '可用积分',
  /** A ledger entry taken back by a correction entry (was 冲正 / 已冲正). */
  reversal: '撤销',
  reversed: '已撤销',
  /** Checking that the published month has not been changed since (was 校验 / 校验码). */
  verify: '防篡改核对',
  verifyCode: '防篡改核对码',
  /** The courtyard head's first look at a claim (was 初审). */
  headStep: '院长先看',
  /** The grid worker's decision on a claim (was 审核). */
  gridStep: '网格员确认',
  /** A claim waiting for the head (was 待初审) or for the grid worker (was 待审核). */
  waitingHead: '等院长先看',
  waitingGrid: '等网格员确认',
  /** The household's score this year, for the rankings (家庭积分). */
  household: '家庭积分',
  householdNote: '家庭积分是全家今年挣的积分加起来，用来排名，兑换不会减少它；能花的是您的可用积分。',
  pendingNote: '公示后可用：本月挣的积分，月底公示期过了就能用。',
} as const

export type GlossaryTerm = keyof typeof GLOSSARY

/** "另有 3 分留给您的微心愿……": what held points are, in one sentence (empty when none are held). */
export const heldNote = (held: number) => (held > 0 ? `另有 ${formatPoints(held)} 分留给了您许的微心愿：心愿完成、您确认后给认领的人；撤回或没通过就退给您。` : '')

/** "还差 3 分": how many points are missing for something that costs `needed` when `available` can be spent. */
export function pointsShort(needed: number, available: number): string | null {
  const missing = Math.round((needed - available) * 10) / 10
  return missing > 0 ? `还差 ${formatPoints(missing)} 分` : null
}

/** The one sentence for too few points, with how many are missing: 可用积分不足，还差 3 分. */
export function insufficientPoints(needed: number, available: number): string {
  const short = pointsShort(needed, available)
  return short ? `可用积分不足，${short}` : '可用积分不足'
}

/** Where to pick something up: the merchant's name, with its address when it has one (善治超市（莲花新区1排路口）). */
export function pickupPlace(merchantName: string, address?: string | null): string {
  return address ? `${merchantName}（${address}）` : merchantName
}

/**
 * What the clerk reads after 核销 about an offer's age condition, which the exchange already checked against the
 * resident's birth year: 兑换时已核对：70 岁及以上. Null when the offer has none.
 */
export function ageCheckedAtExchange(e: { minAge?: number; maxAge?: number } | null | undefined): string | null {
  if (e?.minAge && e.maxAge) return `兑换时已核对：${e.minAge}–${e.maxAge} 岁`
  if (e?.minAge) return `兑换时已核对：${e.minAge} 岁及以上`
  if (e?.maxAge) return `兑换时已核对：${e.maxAge} 岁及以下`
  return null
}

/**
 * A line written in the office's words (a ledger note "冲正：…", kept as written), as a resident reads it: the glossary's
 * words in place of 冲正 and 校验码. The stored text stays as it is.
 */
export function inResidentWords(text: string): string {
  return text.replace(/已冲正/g, GLOSSARY.reversed).replace(/冲正/g, GLOSSARY.reversal).replace(/校验码/g, GLOSSARY.verifyCode)
}

/**
 * 备注 of a board entry where it is printed or exported, in the glossary's words: taken back (已撤销), a correction, and
 * whether it came after the board went up (公示后更正). One rule for the A4 print and the Excel.
 */
export function boardRemark(i: { reversed?: boolean; corrected?: boolean; kind: string }): string {
  if (i.reversed) return i.corrected ? `${GLOSSARY.reversed}（公示后更正）` : GLOSSARY.reversed
  if (i.kind === 'reversal') return i.corrected ? '公示后更正' : '更正'
  return ''
}
