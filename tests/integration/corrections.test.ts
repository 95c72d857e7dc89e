/**
 * One number everywhere (issue 12): after a month is closed and published, an upheld objection corrects it. The board
 * (governance.publicity), its export, the leaderboard and the dashboard then read the same corrected scores: the
 * month's rankings as shown equal the sum of its entries as shown (the correction, written the month after, counted
 * in the month it corrects), the board says 已更正 where a correction came after publication, the export's 类别 is
 * the rule's category (or 调整 and the like), and the published digest still verifies.
 */
import ExcelJS from 'exceljs'
import type { PublicityItem } from '../../src/core/governance'
import { buildClaim } from '../support/claims'
import { ok, startCloud, type TestCloud } from '../support/cloud'

const DAY = 86_400_000
let seq = 0
const rid = (label: string) => `${label}-${++seq}-${Date.now()}`
/** The month (Asia/Shanghai) of an instant. */
const monthOf = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(ms))
const tenths = (points: number) => Math.round(points * 10)
const sum = (values: number[]) => values.reduce((n, v) => n + tenths(v), 0)

interface Board {
  status: string
  items: (PublicityItem & { category?: string; corrected?: boolean })[]
  cursor?: string
  corrected?: { count: number; lastAt: string; note: string }
  rankings?: Record<string, { id: string; name: string; score: number }[]>
}

let cloud: TestCloud
let offset = 0
let rule = ''
let month = ''
let next = ''

const now = () => Date.now() + offset
async function clock(ms: number) {
  offset = ms
  await cloud.setClock(ms)
}

/** Every page of a month's board, as `openid` sees it. */
async function wholeBoard(m: string, openid = 'demo-resident-2'): Promise<Board> {
  const first = await ok(cloud.api<Board>('governance', 'publicity', { month: m }, openid))
  const items = [...first.items]
  for (let cursor = first.cursor; cursor; ) {
    const page = await ok(cloud.api<Board>('governance', 'publicity', { month: m, cursor }, openid))
    items.push(...page.items)
    cursor = page.cursor
  }
  return { ...first, items }
}

/** A claim of `openid` for the test's rule, through both reviews. */
async function approvedClaim(openid: string) {
  const claim = (await ok(cloud.api<{ claim: { id: string } }>('claims', 'submit', buildClaim({ ruleId: rule, photos: [], occurredAt: new Date(now() - 3_600_000).toISOString() }), openid))).claim
  await ok(cloud.api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-head'))
  await ok(cloud.api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-grid'))
}

const leaderboard = async (level: string, key: string, period = 'month') =>
  (await ok(cloud.api<{ items: { id: string; score: number }[] }>('points', 'leaderboard', { level, period, key }, 'demo-admin'))).items

describe('a month corrected after its publication', () => {
  beforeAll(async () => {
    cloud = await startCloud()
    rule = (await ok(cloud.api<{ rule: { id: string } }>('rules', 'save', { categoryId: 'cat-other', name: '楼院议事记录', points: 1.5, photosRequired: false, capPerMonth: 0 }, 'demo-admin'))).rule.id
    month = monthOf(now())
    await approvedClaim('demo-resident')
    await approvedClaim('demo-resident-2')
    await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident-2', delta: 1, reason: '补记上月议事', requestId: rid('adj') }, 'demo-admin'))
    // The 1st of next month, 09:00 in Beijing: the month is over and is closed (published).
    next = monthOf(new Date(`${month}-01T00:00:00+08:00`).getTime() + 32 * DAY)
    await clock(new Date(`${next}-01T09:00:00+08:00`).getTime() - Date.now())
    await ok(cloud.api('governance', 'closeMonth', { month }, 'demo-admin'))
    // Published, then an objection to 张秀英's entry is upheld the month after: the correction counts in the month it corrects.
    const entry = (await wholeBoard(month)).items.find((i) => i.name === '张*英' && i.kind === 'credit')!
    const objection = (await ok(cloud.api<{ objection: { id: string } }>('governance', 'object', { entryId: entry.entryId, reason: '那天议事会她没有到场', requestId: rid('ob') }, 'demo-resident-2'))).objection
    await ok(cloud.api('governance', 'resolve', { objectionId: objection.id, decision: 'uphold', note: '查签到表，确未到场' }, 'demo-admin'))
    // Something of next month too, which must stay on next month's board.
    await approvedClaim('demo-resident')
  }, 120_000)

  afterAll(async () => {
    await cloud?.setClock(0)
    await cloud?.stop()
  })

  test('the corrected month: its rankings equal the sum of its entries as shown, the correction included, and the digest still verifies', async () => {
    const board = await wholeBoard(month, 'demo-admin')
    const courtyards = board.rankings!.courtyard
    // The board's total is the rankings' total, and each courtyard's score is the sum of its entries.
    expect(sum(board.items.map((i) => i.points))).toBe(sum(courtyards.map((c) => c.score)))
    for (const c of courtyards) expect(sum(board.items.filter((i) => i.courtyard === c.name).map((i) => i.points))).toBe(tenths(c.score))
    expect(sum(board.items.map((i) => i.points))).toBe(tenths(1.5 + 1.5 + 1 - 1.5))
    // 张秀英's score is corrected on the board as on the leaderboard (one source: the month's scores).
    const residents = new Map(board.rankings!.resident.map((r) => [r.id, r.score]))
    expect(residents.get('demo-r-resident') ?? 0).toBe(0)
    const lb = new Map((await leaderboard('resident', month)).map((r) => [r.id, r.score]))
    for (const [id, score] of residents) expect(lb.get(id) ?? 0).toBe(score)
    const lbCourtyards = new Map((await leaderboard('courtyard', month)).map((r) => [r.id, r.score]))
    for (const c of courtyards) expect(lbCourtyards.get(c.id) ?? 0).toBe(c.score)
    expect(await ok(cloud.api('governance', 'verify', { month }, 'demo-resident'))).toMatchObject({ valid: true })
  })

  test('the board says what was corrected after publication: the entry, the correction, and a note on the month', async () => {
    const board = await wholeBoard(month)
    const original = board.items.find((i) => i.name === '张*英' && i.kind === 'credit')!
    expect(original).toMatchObject({ reversed: true, corrected: true, points: 1.5 })
    const correction = board.items.find((i) => i.kind === 'reversal')!
    expect(correction).toMatchObject({ name: '张*英', points: -1.5, corrected: true })
    expect(board.items.filter((i) => i.corrected)).toHaveLength(2)
    // 李明's entries were not touched.
    expect(board.items.filter((i) => i.name === '李明').every((i) => !i.corrected && !i.reversed)).toBe(true)
    expect(board.corrected).toMatchObject({ count: 1, lastAt: expect.any(String) })
    expect(board.corrected!.note).toContain('更正')
    // The summary for the home page's notice says so too; one entry (the objection form) carries its flag.
    expect(await ok(cloud.api<Board>('governance', 'publicity', { month, entryId: original.entryId }, 'demo-resident-2'))).toMatchObject({ items: [expect.objectContaining({ corrected: true, reversed: true })] })
    expect(await ok(cloud.api<Board>('governance', 'publicity', { month, entryId: correction.entryId }, 'demo-resident-2'))).toMatchObject({ items: [expect.objectContaining({ kind: 'reversal', corrected: true })] })
    // Each entry names its category: the rule's, or what it is.
    expect(original.category).toBe('其他')
    expect(correction.category).toBe('其他')
    expect(board.items.find((i) => i.kind === 'adjustment')?.category).toBe('调整')
  })

  test('next month’s board holds next month’s entries only: the correction counts in the month it corrects', async () => {
    const board = await wholeBoard(next)
    expect(board.items.some((i) => i.kind === 'reversal')).toBe(false)
    expect(board.corrected).toBeUndefined()
    expect(sum(board.items.map((i) => i.points))).toBe(sum((await leaderboard('courtyard', next)).map((r) => r.score)))
    expect(sum(board.items.map((i) => i.points))).toBe(tenths(1.5))
  })

  test('the export: 类别 is the rule’s category (or 调整), corrections are marked, and it adds up as the board does', async () => {
    const file = await ok(cloud.api<{ url: string }>('governance', 'exportPublicity', { month }, 'demo-admin'))
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await (await fetch(file.url)).arrayBuffer()) as ArrayBuffer)
    const sheet = book.worksheets[0]
    const header = (sheet.getRow(1).values as unknown[]).map(String)
    const col = (name: string) => header.indexOf(name)
    const rows: { category: string; points: number; remark: string; name: string }[] = []
    sheet.eachRow((row, n) => {
      if (n === 1 || typeof row.getCell(col('积分')).value !== 'number') return
      rows.push({ category: String(row.getCell(col('类别')).value ?? ''), points: row.getCell(col('积分')).value as number, remark: String(row.getCell(col('备注')).value ?? ''), name: String(row.getCell(col('居民')).value ?? '') })
    })
    expect(rows.map((r) => r.category).sort()).toEqual(['其他', '其他', '其他', '调整'])
    expect(rows.some((r) => ['获得', '扣分', '冲正'].includes(r.category))).toBe(false)
    expect(rows.filter((r) => r.remark.includes('更正'))).toHaveLength(2)
    expect(sum(rows.map((r) => r.points))).toBe(tenths(2.5))
    // The note on the month is in the file as on the board.
    const texts: string[] = []
    sheet.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')))
    expect(texts.some((t) => t.includes('更正'))).toBe(true)
  })

  test('the dashboard reads the same corrected scores: the month’s points and approved claims that still count', async () => {
    const year = month.slice(0, 4)
    const dash = await ok(cloud.api<{ months: { month: string; points: number; claims: number }[]; categories: { name: string; points: number }[] }>('governance', 'dashboard', { year }, 'demo-admin'))
    const board = await wholeBoard(month)
    expect(dash.months.find((m) => m.month === month)).toEqual({ month, points: 2.5, claims: 1 })
    expect(tenths(dash.months.find((m) => m.month === month)!.points)).toBe(sum(board.items.map((i) => i.points)))
    // 其他 this year: the claims that still count, this month's and (same year) next month's.
    const other = [board, ...(next.startsWith(year) ? [await wholeBoard(next)] : [])].flatMap((b) => b.items).filter((i) => i.category === '其他')
    expect(tenths(dash.categories.find((c) => c.name === '其他')!.points)).toBe(sum(other.map((i) => i.points)))
  })
})
