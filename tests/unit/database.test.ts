/**
 * The emulator's store without a server: queries on indexed fields are served by the SQLite
 * expression index, and using the index never changes the answer (arrays, nested paths, dates).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { Aggregator, Query } from 'mingo'
import { type Doc, type Filter, Store } from '../../local-cloud/database'

let dir: string
let store: Store

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'szjf-store-'))
  store = new Store(path.join(dir, 'cloud.sqlite'))
})
afterEach(() => {
  store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const idsOf = (docs: Doc[]) => docs.map((d) => d._id).sort()
const find = (collection: string, query: Filter) => idsOf(store.find(collection, query, { limit: 1000 }))
/** The answer with no index at all: mingo over every document. */
const truth = (docs: Doc[], query: Filter) => idsOf(new Query(query).find<Doc>(docs).all())

describe('query plans', () => {
  beforeEach(() => {
    store.ensureCollection('residents', ['communityId', 'age', 'profile.city'])
    store.insert(
      'residents',
      Array.from({ length: 200 }, (_, i) => ({
        _id: `r${i}`,
        communityId: `c${i % 10}`,
        age: 20 + (i % 60),
        name: `name-${i}`,
        profile: { city: i % 2 ? 'bj' : 'sh' },
      })),
    )
  })

  test('an equality on an indexed field is served by its expression index, not a scan of the table', () => {
    const details = store.explain('residents', { communityId: 'c3' })
    expect(details.join('\n')).toContain('USING INDEX ix_residents__communityId ')
    expect(details.some((d) => /^SCAN c_residents\b/.test(d))).toBe(false)
    expect(store.plan('residents', { communityId: 'c3' }).index).toBe('communityId')
    expect(find('residents', { communityId: 'c3' })).toHaveLength(20)
  })

  test('a range on an indexed field is served by its expression index', () => {
    const query = { age: { $gte: 70, $lt: 75 } }
    const details = store.explain('residents', query)
    expect(details.join('\n')).toContain('USING INDEX ix_residents__age ')
    expect(details.some((d) => /^SCAN c_residents\b/.test(d))).toBe(false)
    expect(find('residents', query)).toEqual(
      Array.from({ length: 200 }, (_, i) => i)
        .filter((i) => 20 + (i % 60) >= 70 && 20 + (i % 60) < 75)
        .map((i) => `r${i}`)
        .sort(),
    )
  })

  test('$in on an indexed field and an equality on an indexed nested path use their indexes', () => {
    expect(store.explain('residents', { communityId: { $in: ['c1', 'c2'] } }).join('\n')).toContain('USING INDEX ix_residents__communityId ')
    expect(store.explain('residents', { 'profile.city': 'bj' }).join('\n')).toContain('USING INDEX ix_residents__profile__city ')
    expect(find('residents', { communityId: { $in: ['c1', 'c2'] } })).toHaveLength(40)
    expect(find('residents', { 'profile.city': 'bj' })).toHaveLength(100)
  })

  test('an indexed field inside $and is still served by the index', () => {
    const details = store.explain('residents', { $and: [{ communityId: 'c1' }, { name: { $regex: '^name-1' } }] })
    expect(details.join('\n')).toContain('USING INDEX ix_residents__communityId ')
  })

  test('a query on _id uses the primary key', () => {
    const details = store.explain('residents', { _id: 'r5' })
    expect(details.join('\n')).toMatch(/USING INDEX sqlite_autoindex_c_residents|USING .*PRIMARY KEY|USING INDEX .*\(id=\?\)/)
    expect(store.plan('residents', { _id: 'r5' }).index).toBe('_id')
  })

  test('an unindexed field scans the table', () => {
    const details = store.explain('residents', { name: 'name-7' })
    expect(details).toEqual(['SCAN c_residents'])
    expect(store.plan('residents', { name: 'name-7' }).index).toBeNull()
    expect(find('residents', { name: 'name-7' })).toEqual(['r7'])
  })
})

describe('indexed queries keep MongoDB semantics', () => {
  const docs = (): Doc[] => [
    { _id: 'scalar', tag: 'a', n: 5, loc: { city: 'bj' } },
    { _id: 'array', tag: ['b', 'a'], n: [1, 9], loc: [{ city: 'sh' }, { city: 'bj' }] },
    { _id: 'other', tag: 'b', n: 7, loc: { city: 'gz' } },
    { _id: 'nested-array', loc: { city: ['bj', 'sh'] } },
    { _id: 'missing' },
    { _id: 'null', tag: null, n: null, loc: null },
    { _id: 'numeric-string', tag: '5', n: '5' },
    { _id: 'bool', tag: true, n: true },
  ]
  const DOCS = docs()

  beforeEach(() => {
    store.ensureCollection('tags', ['tag', 'n', 'loc.city'])
    store.insert('tags', docs())
  })

  test.each<[string, Filter]>([
    ['equality matches an array containing the value', { tag: 'a' }],
    ['$eq matches an array containing the value', { tag: { $eq: 'b' } }],
    ['$in matches an array containing a value', { tag: { $in: ['b', 'z'] } }],
    ['a range matches an array with an element in range', { n: { $gt: 8 } }],
    ['a closed range may be satisfied by different elements', { n: { $gt: 6, $lt: 2 } }],
    ['a range below a value', { n: { $lte: 5 } }],
    ['a number does not match a numeric string', { n: 5 }],
    ['a nested path reaches into an array of objects', { 'loc.city': 'bj' }],
    ['a nested path matches an array value at the end', { 'loc.city': 'sh' }],
    ['equality with null matches null and missing', { tag: null }],
    ['true is not the number 1', { n: true }],
    ['the whole array', { tag: ['b', 'a'] }],
  ])('%s', (_what, query) => {
    expect(find('tags', query)).toEqual(truth(DOCS, query))
    // Not vacuous: every case here finds something.
    expect(truth(DOCS, query).length).toBeGreaterThan(0)
  })

  test('the multikey cases above find the array documents', () => {
    expect(find('tags', { tag: 'a' })).toEqual(['array', 'scalar'])
    expect(find('tags', { n: { $gt: 8 } })).toEqual(['array'])
    expect(find('tags', { 'loc.city': 'bj' })).toEqual(['array', 'nested-array', 'scalar'])
    expect(store.count('tags', { tag: 'a' })).toBe(2)
  })

  test('an indexed query still sees a document updated into an array', () => {
    store.modify('tags', { _id: 'other' }, { $set: { tag: ['x', 'a'] } }, { multi: false, merge: true, upsert: false })
    expect(find('tags', { tag: 'a' })).toEqual(['array', 'other', 'scalar'])
  })
})

describe('date ranges on an indexed date field', () => {
  const at = (iso: string) => new Date(iso)
  const dates = (): Doc[] => [
    { _id: 'd1960', at: at('1960-06-01T00:00:00Z') },
    { _id: 'd2000', at: at('2000-01-01T00:00:00Z') },
    { _id: 'd2000ms', at: at('2000-01-01T00:00:00.500Z') },
    { _id: 'd2000s1', at: at('2000-01-01T00:00:01Z') },
    { _id: 'd2010', at: at('2010-05-05T12:30:00.123Z') },
    { _id: 'd2024', at: at('2024-02-29T23:59:59Z') },
    { _id: 'dArray', at: [at('1999-12-31T00:00:00Z'), at('2030-01-01T00:00:00Z')] },
    { _id: 'dString', at: '2000-01-01T00:00:00Z' },
    { _id: 'dNone' },
  ]
  const DATES = dates()

  beforeEach(() => {
    store.ensureCollection('events', ['at'])
    store.insert('events', dates())
  })

  test.each<[string, Filter]>([
    ['a two-sided range', { at: { $gte: at('2000-01-01T00:00:00Z'), $lt: at('2011-01-01T00:00:00Z') } }],
    ['an upper bound', { at: { $lte: at('2000-01-01T00:00:00Z') } }],
    ['a lower bound', { at: { $gt: at('2000-01-01T00:00:00.250Z') } }],
    ['an equality', { at: at('2000-01-01T00:00:00Z') }],
  ])('%s on an indexed date field is served by the index', (_what, query) => {
    const details = store.explain('events', query)
    expect(details.join('\n')).toContain('USING INDEX ix_events__at ')
    expect(details.some((d) => /^SCAN c_events\b/.test(d))).toBe(false)
  })

  test('a bound before 1970 cannot be served by the index: the table is scanned, and the answer is still right', () => {
    expect(store.explain('events', { at: { $lt: at('1965-01-01T00:00:00Z') } })).toEqual(['SCAN c_events'])
  })

  // dArray holds 1999 and 2030: as in MongoDB, a range on an array field may be satisfied by different
  // elements (one >= the lower bound, another < the upper), so it matches most two-sided ranges.
  test.each<[string, Filter, string[]]>([
    ['a half-open year', { at: { $gte: at('2000-01-01T00:00:00Z'), $lt: at('2001-01-01T00:00:00Z') } }, ['d2000', 'd2000ms', 'd2000s1', 'dArray']],
    ['after a whole second, exclusive', { at: { $gt: at('2000-01-01T00:00:00Z'), $lt: at('2000-01-02T00:00:00Z') } }, ['d2000ms', 'd2000s1', 'dArray']],
    ['up to a whole second, inclusive', { at: { $gte: at('1990-01-01T00:00:00Z'), $lte: at('2000-01-01T00:00:00Z') } }, ['d2000', 'dArray']],
    ['below a bound with milliseconds', { at: { $gte: at('1990-01-01T00:00:00Z'), $lt: at('2000-01-01T00:00:00.600Z') } }, ['d2000', 'd2000ms', 'dArray']],
    ['strictly before a whole second', { at: { $gte: at('2000-01-01T00:00:00Z'), $lt: at('2000-01-01T00:00:01Z') } }, ['d2000', 'd2000ms', 'dArray']],
    ['equal to a whole-second date', { at: at('2000-01-01T00:00:00Z') }, ['d2000']],
    ['$eq a date with milliseconds', { at: { $eq: at('2010-05-05T12:30:00.123Z') } }, ['d2010']],
    ['$in of dates', { at: { $in: [at('2024-02-29T23:59:59Z'), at('2030-01-01T00:00:00Z')] } }, ['d2024', 'dArray']],
    ['everything before 1980, including a date before 1970', { at: { $lt: at('1980-01-01T00:00:00Z') } }, ['d1960']],
    ['everything up to a date, including one before 1970', { at: { $lte: at('2000-01-01T00:00:00Z') } }, ['d1960', 'd2000', 'dArray']],
    ['after 2020, including an array element', { at: { $gt: at('2020-01-01T00:00:00Z') } }, ['d2024', 'dArray']],
    ['a bound before 1970', { at: { $gte: at('1950-01-01T00:00:00Z'), $lt: at('1965-01-01T00:00:00Z') } }, ['d1960']],
  ])('%s returns exactly the right documents', (_what, query, expected) => {
    expect(truth(DATES, query)).toEqual(expected)
    expect(find('events', query)).toEqual(expected)
    expect(store.count('events', query)).toBe(expected.length)
  })

  test('dates survive the store: they read back as Dates with the same instant', () => {
    const [doc] = store.find('events', { _id: 'd2000ms' })
    expect(doc.at).toBeInstanceOf(Date)
    expect((doc.at as Date).toISOString()).toBe('2000-01-01T00:00:00.500Z')
  })
})

describe('indexed and unindexed answers agree (generated data)', () => {
  // Instants on a coarse grid of whole seconds and half seconds, from before 1970 to after 2000, so that
  // bounds often fall exactly on stored values and on both text forms of a date.
  const instant = fc.integer({ min: -8, max: 8 }).chain((s) =>
    fc.constantFrom(0, 500).map((ms) => new Date(Date.UTC(2000, 0, 1) + s * 86_400_000 * 1500 + ms)),
  )
  const value = fc.oneof(instant, fc.array(instant, { minLength: 1, maxLength: 3 }), fc.integer({ min: -3, max: 3 }))
  const op = fc.constantFrom('$gt', '$gte', '$lt', '$lte', '$eq')
  const query = fc.oneof(
    fc.tuple(op, instant).map(([o, d]) => ({ at: { [o]: d } }) as Filter),
    fc.tuple(op, instant, op, instant).map(([o1, d1, o2, d2]) => ({ at: { [o1]: d1, [o2]: d2 } }) as Filter),
    fc.array(instant, { minLength: 1, maxLength: 3 }).map((list) => ({ at: { $in: list } }) as Filter),
  )

  test('a date query on an indexed field answers what mingo answers over every document', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 25 }), fc.array(query, { minLength: 1, maxLength: 5 }), (values, queries) => {
        const name = `gen_${Math.random().toString(36).slice(2, 10)}`
        store.ensureCollection(name, ['at'])
        const docs = (): Doc[] => values.map((v, i) => ({ _id: `g${i}`, at: Array.isArray(v) ? v.map((d) => new Date(d)) : v instanceof Date ? new Date(v) : v }))
        store.insert(name, docs())
        for (const q of queries) expect(find(name, q)).toEqual(truth(docs(), q))
      }),
      { numRuns: 150 },
    )
  })
})

describe('leaderboard pages: a sorted index serves where({ bucket }).orderBy(score)', () => {
  /** What MongoDB (here mingo, over every document in insertion order) answers for the page. */
  const truthPage = (docs: Doc[], query: Filter, dir: 1 | -1, offset: number, limit: number) =>
    new Aggregator([{ $match: query }, { $sort: { scoreTenths: dir } }, { $skip: offset }, { $limit: limit }]).run(docs) as Doc[]
  /** A score as MongoDB compares it: missing and null are the same value. */
  const scoreKey = (d: Doc) => {
    const v = d.scoreTenths ?? null
    return `${typeof v}:${JSON.stringify(v)}`
  }
  const page = (query: Filter, dir: 1 | -1, offset: number, limit: number) =>
    store.find('accounts', query, { order: { scoreTenths: dir }, offset, limit })

  beforeEach(() => {
    store.ensureCollection('accounts', ['bucket,scoreTenths', 'communityId'])
  })

  test('the page is read from the sorted index in order, with no sort of its own, in both directions', () => {
    store.insert(
      'accounts',
      Array.from({ length: 300 }, (_, i) => ({ _id: `a${i}`, bucket: `c1|resident|2026-${10 + (i % 3)}`, communityId: 'c1', scoreTenths: (i * 37) % 101 })),
    )
    for (const dir of [1, -1] as const) {
      for (const query of [{ bucket: 'c1|resident|2026-11' }, { bucket: { $eq: 'c1|resident|2026-11' }, communityId: 'c1' }, { $and: [{ bucket: 'c1|resident|2026-11' }, { scoreTenths: { $gte: 10 } }] }]) {
        const plan = store.explainFind('accounts', query, { order: { scoreTenths: dir }, offset: 20, limit: 20 })
        expect(plan.strategy).toBe('ordered-index')
        expect(plan.index).toBe('bucket,scoreTenths')
        // The equality alone: every row read is a match, so SQL skips and limits; otherwise mingo tests each row.
        expect(plan.exact).toBe(Object.keys(query).length === 1 && 'bucket' in query)
        expect(plan.details.join('\n')).toContain('USING INDEX ix_accounts__bucket+scoreTenths ')
        expect(plan.details.join('\n')).not.toContain('TEMP B-TREE')
        expect(plan.details.some((d) => /^SCAN /.test(d))).toBe(false)
      }
    }
    const all = store.find('accounts', {}, { limit: 1000 })
    const query = { bucket: 'c1|resident|2026-11' }
    expect(page(query, -1, 20, 20).map((d) => d.scoreTenths)).toEqual(truthPage(all, query, -1, 20, 20).map((d) => d.scoreTenths))
    const filtered = { bucket: 'c1|resident|2026-11', scoreTenths: { $lt: 50 } }
    expect(page(filtered, 1, 5, 20).map((d) => d.scoreTenths)).toEqual(truthPage(all, filtered, 1, 5, 20).map((d) => d.scoreTenths))
    // The first field alone is served by the sorted index, and a bucket is counted from it without reading documents.
    expect(store.plan('accounts', query).index).toBe('bucket')
    expect(store.explain('accounts', query).join('\n')).toContain('USING INDEX ix_accounts__bucket+scoreTenths ')
    expect(store.count('accounts', query)).toBe(100)
    // Without an order, and with an order the index does not hold, nothing changes.
    expect(store.explainFind('accounts', query).strategy).toBe('natural')
    expect(store.explainFind('accounts', query, { order: { communityId: 1 } }).strategy).toBe('sort')
    expect(store.explainFind('accounts', query, { order: { scoreTenths: -1, _id: 1 } }).strategy).toBe('sort')
    expect(store.explainFind('accounts', { communityId: 'c1' }, { order: { scoreTenths: -1 } })).toMatchObject({ strategy: 'sort', reason: expect.stringContaining('bucket') })
  })

  test('numbers, strings, null and missing sort in MongoDB order; ties page without repeats or gaps', () => {
    const scores: unknown[] = [5, 'b', null, -1.5, undefined, 'a', 5, 10, '10', 0, null, 5, 'B', 2.25, '', undefined]
    store.insert(
      'accounts',
      scores.map((s, i) => (s === undefined ? { _id: `s${i}`, bucket: 'x' } : { _id: `s${i}`, bucket: 'x', scoreTenths: s })),
    )
    expect(store.explainFind('accounts', { bucket: 'x' }, { order: { scoreTenths: 1 } }).strategy).toBe('ordered-index')
    const asc = page({ bucket: 'x' }, 1, 0, 100)
    expect(asc.map((d) => d.scoreTenths ?? null)).toEqual([null, null, null, null, -1.5, 0, 2.25, 5, 5, 5, 10, '', '10', 'B', 'a', 'b'])
    // Ties in insertion order ascending, in reverse descending (as a backward index scan gives them).
    expect(asc.filter((d) => d.scoreTenths === 5).map((d) => d._id)).toEqual(['s0', 's6', 's11'])
    const desc = page({ bucket: 'x' }, -1, 0, 100)
    expect(desc.map((d) => d._id)).toEqual([...asc].reverse().map((d) => d._id))
    for (const dir of [1, -1] as const) {
      const pages = [0, 3, 6, 9, 12, 15].flatMap((offset) => page({ bucket: 'x' }, dir, offset, 3).map((d) => d._id))
      expect(pages).toEqual((dir === 1 ? asc : desc).map((d) => d._id))
    }
  })

  test('a boolean, array or object score in the bucket falls back to the in-memory sort, and answers stay right', () => {
    const base = (bucket: string): Doc[] => [1, 7, 3, 'z', null].map((s, i) => ({ _id: `${bucket}-${i}`, bucket, scoreTenths: s }))
    const odd: [string, unknown][] = [
      ['boolean', true],
      ['array', [0, 9]],
      ['object', { tenths: 4 }],
      ['date', new Date('2026-11-01T00:00:00Z')],
    ]
    store.insert('accounts', base('clean'))
    for (const [bucket, value] of odd) store.insert('accounts', [...base(bucket), { _id: `${bucket}-odd`, bucket, scoreTenths: value }])
    const all = store.find('accounts', {}, { limit: 1000 })
    for (const [bucket] of odd) {
      for (const dir of [1, -1] as const) {
        const plan = store.explainFind('accounts', { bucket }, { order: { scoreTenths: dir } })
        expect(plan.strategy).toBe('sort')
        expect(plan.reason).toContain('scoreTenths')
        for (const [offset, limit] of [[0, 10], [1, 2], [4, 3]]) {
          expect(page({ bucket }, dir, offset, limit)).toEqual(truthPage(all, { bucket }, dir, offset, limit))
        }
      }
    }
    // The check is per bucket: the clean bucket is still served in index order.
    expect(store.explainFind('accounts', { bucket: 'clean' }, { order: { scoreTenths: -1 } }).strategy).toBe('ordered-index')
    expect(page({ bucket: 'clean' }, -1, 0, 10).map((d) => d.scoreTenths)).toEqual(['z', 7, 3, 1, null])
  })

  test('a bucket field that is an array anywhere falls back: such a document matches by element', () => {
    store.insert('accounts', [
      { _id: 'p1', bucket: 'x', scoreTenths: 2 },
      { _id: 'p2', bucket: 'x', scoreTenths: 9 },
      { _id: 'multi', bucket: ['x', 'y'], scoreTenths: 5 },
    ])
    expect(store.explainFind('accounts', { bucket: 'x' }, { order: { scoreTenths: -1 } })).toMatchObject({ strategy: 'sort', reason: expect.stringContaining('数组') })
    expect(page({ bucket: 'x' }, -1, 0, 10).map((d) => d._id)).toEqual(['p2', 'multi', 'p1'])
    expect(store.count('accounts', { bucket: 'x' })).toBe(3)
    expect(store.count('accounts', { bucket: 'y' })).toBe(1)
  })

  test('dotted paths: a sort path below an array falls back; the declaration survives a restart', () => {
    store.ensureCollection('scores', ['period.bucket,period.score'])
    store.insert('scores', [
      { _id: 'a', period: { bucket: 'x', score: 3 } },
      { _id: 'b', period: { bucket: 'x', score: 8 } },
      { _id: 'c', period: { bucket: 'x' } },
    ])
    const order = { 'period.score': -1 as const }
    expect(store.explainFind('scores', { 'period.bucket': 'x' }, { order }).strategy).toBe('ordered-index')
    expect(store.find('scores', { 'period.bucket': 'x' }, { order }).map((d) => d._id)).toEqual(['b', 'a', 'c'])
    store.close()
    store = new Store(path.join(dir, 'cloud.sqlite'))
    expect(store.explainFind('scores', { 'period.bucket': 'x' }, { order }).strategy).toBe('ordered-index')
    store.insert('scores', [{ _id: 'd', period: [{ bucket: 'y', score: 1 }] }])
    // A parent of the first field is an array somewhere: the index cannot see that document under any bucket.
    expect(store.explainFind('scores', { 'period.bucket': 'x' }, { order }).strategy).toBe('sort')
    expect(store.find('scores', { 'period.bucket': 'y' }, { order }).map((d) => d._id)).toEqual(['d'])
  })

  test('declarations are checked', () => {
    for (const bad of ['a,b,c', 'a,', ',b', 'a,a', 'a, b', 'a.0,b']) expect(() => store.ensureCollection('accounts', [bad])).toThrow(/索引字段不合法/)
  })

  test('count of a bucket is exact: counted from the index, plus the documents that match by element', () => {
    store.insert('accounts', [
      ...Array.from({ length: 30 }, (_, i) => ({ _id: `n${i}`, bucket: i % 3 === 0 ? 'x' : 'y', scoreTenths: i })),
      { _id: 'json-text', bucket: '{"a":1}' },
      { _id: 'object', bucket: { a: 1 } },
      { _id: 'array', bucket: ['x', 'z'] },
      { _id: 'number', bucket: 1 },
      { _id: 'bool', bucket: true },
    ])
    const all = store.find('accounts', {}, { limit: 1000 })
    for (const query of [{ bucket: 'x' }, { bucket: { $eq: 'y' } }, { bucket: 'z' }, { bucket: '{"a":1}' }, { bucket: 1 }, { bucket: true }, { bucket: { a: 1 } }]) {
      expect(store.count('accounts', query)).toBe(truth(all, query as Filter).length)
    }
    expect(store.count('accounts', { bucket: 'x' })).toBe(11)
  })

  describe('generated data: every page equals a plain MongoDB sort of every matching document', () => {
    const MISSING = Symbol('missing')
    const normal = fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: -5, max: 30 }) },
      { weight: 2, arbitrary: fc.integer({ min: -50, max: 300 }).map((n) => n / 10) },
      { weight: 1, arbitrary: fc.constantFrom(1e21, -1e300, 2 ** 62, Number.MAX_SAFE_INTEGER) },
      { weight: 2, arbitrary: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('积分', '社区', 'Z', '10', '9')) },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constant(MISSING) },
    )
    const odd = fc.oneof(fc.boolean(), fc.array(fc.integer({ min: -3, max: 9 }), { maxLength: 3 }), fc.constant({ tenths: 3 }), fc.constant(new Date(0)))
    // Besides real buckets, values whose json_extract equals a query's: true extracts as 1, { a: 1 } as '{"a":1}'.
    const bucket = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom<unknown>('b1', 'b2', 'b3', 7) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>(1, true, { a: 1 }, '{"a":1}') },
    )
    const doc = (oddScores: boolean, arrayBuckets: boolean) =>
      fc.record({
        bucket: arrayBuckets ? fc.oneof({ weight: 9, arbitrary: bucket }, { weight: 1, arbitrary: fc.array(bucket, { maxLength: 2 }) }) : bucket,
        score: oddScores ? fc.oneof({ weight: 6, arbitrary: normal }, { weight: 1, arbitrary: odd }) : normal,
        flag: fc.boolean(),
      })
    const docs = fc
      .tuple(fc.boolean(), fc.integer({ min: 0, max: 9 }))
      .chain(([oddScores, a]) => fc.array(doc(oddScores, a === 0), { minLength: 0, maxLength: 60, size: 'medium' }))
    const pageQuery = fc.record({
      bucket: fc.oneof({ weight: 3, arbitrary: fc.constantFrom<unknown>('b1', 'b2', 7) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(1, '{"a":1}') }),
      shape: fc.constantFrom('plain', '$eq', 'flag', '$and'),
      dir: fc.constantFrom<1 | -1>(1, -1),
      offset: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
      limit: fc.integer({ min: 1, max: 25 }),
    })

    test('ordered scans and their fallbacks agree with mingo', () => {
      let ordered = 0
      let fallback = 0
      fc.assert(
        fc.property(docs, fc.array(pageQuery, { minLength: 1, maxLength: 6 }), (generated, queries) => {
          const name = `lb_${Math.random().toString(36).slice(2, 10)}`
          store.ensureCollection(name, ['bucket,scoreTenths'])
          const make = (): Doc[] =>
            generated.map((g, i) => {
              const d: Doc = { _id: `g${String(i).padStart(2, '0')}`, bucket: structuredClone(g.bucket), flag: g.flag }
              if (g.score !== MISSING) d.scoreTenths = g.score instanceof Date ? new Date(g.score) : structuredClone(g.score)
              return d
            })
          if (generated.length > 0) store.insert(name, make())
          const all = make()
          for (const q of queries) {
            const query: Filter =
              q.shape === 'plain'
                ? { bucket: q.bucket }
                : q.shape === '$eq'
                  ? { bucket: { $eq: q.bucket } }
                  : q.shape === 'flag'
                    ? { bucket: q.bucket, flag: true }
                    : { $and: [{ flag: { $in: [true, false] } }, { bucket: q.bucket }] }
            const got = store.find(name, query, { order: { scoreTenths: q.dir }, offset: q.offset, limit: q.limit })
            const want = truthPage(all, query, q.dir, q.offset, q.limit)
            // The same sequence of scores…
            expect(got.map(scoreKey)).toEqual(want.map(scoreKey))
            // …and the same documents wherever a score is unique among the matches (ties may come in any order).
            const matching = new Query(query).find<Doc>(all).all()
            const counts = new Map<string, number>()
            for (const d of matching) counts.set(scoreKey(d), (counts.get(scoreKey(d)) ?? 0) + 1)
            got.forEach((d, i) => {
              if (counts.get(scoreKey(d)) === 1) expect(d._id).toBe(want[i]._id)
            })
            // The index is used exactly when its order is MongoDB's: no array bucket anywhere, no odd score under
            // the bucket's key in the index (which also holds the values that extract as it: true as 1, …).
            const extractsAs = (v: unknown) => (typeof v === 'boolean' ? Number(v) : v && typeof v === 'object' ? JSON.stringify(v) : v)
            const arrayBucket = all.some((d) => Array.isArray(d.bucket))
            const oddInBucket = all.some(
              (d) => extractsAs(d.bucket) === q.bucket && d.scoreTenths !== undefined && d.scoreTenths !== null && typeof d.scoreTenths !== 'number' && typeof d.scoreTenths !== 'string',
            )
            const strategy = store.explainFind(name, query, { order: { scoreTenths: q.dir } }).strategy
            expect(strategy).toBe(arrayBucket || oddInBucket ? 'sort' : 'ordered-index')
            if (strategy === 'sort') {
              fallback++
              // The fallback is mingo over the documents in insertion order: exactly the same page.
              expect(got.map((d) => d._id)).toEqual(want.map((d) => d._id))
            } else ordered++
          }
        }),
        { numRuns: 200 },
      )
      // Not vacuous: both paths were exercised.
      expect(ordered).toBeGreaterThan(100)
      expect(fallback).toBeGreaterThan(20)
    })
  })
})
