/**
 * The emulator's store without a server: queries on indexed fields are served by the SQLite
 * expression index, and using the index never changes the answer (arrays, nested paths, dates).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { Query } from 'mingo'
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
