/**
 * Query operators, update operators and aggregation through the real SDK (`db.command`), against
 * fixed data whose answers are known, so each test pins the exact documents and values.
 */
import { startCloud, type TestCloud } from '../support/cloud'
import { type Db, createCollections } from '../support/emulator'

let cloud: TestCloud
let db: Db
let people: string
let orders: string
let scratch: string

const PEOPLE = [
  { _id: 'p1', name: 'Ann', age: 30, city: 'bj', score: 90, tags: ['red', 'blue'], addr: { city: 'bj', zip: '100001' }, pets: [{ kind: 'cat', age: 3 }] },
  { _id: 'p2', name: 'Bob', age: 25, city: 'sh', score: 80, tags: ['green'], addr: { city: 'sh', zip: '200001' }, pets: [{ kind: 'dog', age: 5 }, { kind: 'cat', age: 1 }] },
  { _id: 'p3', name: 'Cai', age: 35, city: 'bj', score: 80, tags: [], addr: { city: 'bj', zip: '100002' }, pets: [] },
  { _id: 'p4', name: 'Dan', age: 25, city: 'gz', score: 70, tags: ['red'], addr: { city: 'gz' }, nickname: 'D' },
  { _id: 'p5', name: 'Eve', age: 40, city: 'sh', score: 95, tags: ['blue', 'green'], addr: { city: 'sh', zip: '200002' }, pets: [{ kind: 'fish', age: 1 }], nickname: null },
]

const ORDERS = [
  { _id: 'o1', cat: 'food', amount: 10, qty: 1 },
  { _id: 'o2', cat: 'food', amount: 20, qty: 2 },
  { _id: 'o3', cat: 'tool', amount: 5, qty: 3 },
  { _id: 'o4', cat: 'toy', amount: 7, qty: 1 },
  { _id: 'o5', cat: 'tool', amount: 15, qty: 1 },
  { _id: 'o6', cat: 'food', amount: 100, qty: 1, refunded: true },
]

beforeAll(async () => {
  cloud = await startCloud()
  db = cloud.sdk().database()
  ;[people, orders, scratch] = await createCollections(db, 'people', 'orders', 'scratch')
  await db.collection(people).add(PEOPLE)
  await db.collection(orders).add(ORDERS)
})
afterAll(() => cloud?.stop())

/** The ids a where() finds, sorted, so each test states exactly which documents match. */
async function ids(query: Record<string, unknown>): Promise<string[]> {
  const res = await db.collection(people).where(query).get()
  return (res.data as { _id: string }[]).map((d) => d._id).sort()
}

describe('query operators', () => {
  test('eq and neq', async () => {
    const _ = db.command
    expect(await ids({ age: _.eq(25) })).toEqual(['p2', 'p4'])
    expect(await ids({ age: 25 })).toEqual(['p2', 'p4'])
    expect(await ids({ city: _.neq('bj') })).toEqual(['p2', 'p4', 'p5'])
  })

  test('gt, gte, lt, lte', async () => {
    const _ = db.command
    expect(await ids({ age: _.gt(30) })).toEqual(['p3', 'p5'])
    expect(await ids({ age: _.gte(30) })).toEqual(['p1', 'p3', 'p5'])
    expect(await ids({ age: _.lt(30) })).toEqual(['p2', 'p4'])
    expect(await ids({ age: _.lte(30) })).toEqual(['p1', 'p2', 'p4'])
  })

  test('in and nin', async () => {
    const _ = db.command
    expect(await ids({ city: _.in(['sh', 'gz']) })).toEqual(['p2', 'p4', 'p5'])
    expect(await ids({ city: _.nin(['sh', 'gz']) })).toEqual(['p1', 'p3'])
    expect(await ids({ _id: _.in(['p1', 'p5', 'nope']) })).toEqual(['p1', 'p5'])
  })

  test('and: across fields and on one field', async () => {
    const _ = db.command
    expect(await ids(_.and([{ age: _.gt(24) }, { score: _.lt(85) }]) as never)).toEqual(['p2', 'p3', 'p4'])
    expect(await ids({ age: _.gt(24).and(_.lt(35)) })).toEqual(['p1', 'p2', 'p4'])
    // Two conditions in one where() are an implicit and.
    expect(await ids({ city: 'bj', score: 80 })).toEqual(['p3'])
  })

  test('or: across fields and on one field', async () => {
    const _ = db.command
    expect(await ids(_.or([{ city: 'gz' }, { score: _.gte(95) }]) as never)).toEqual(['p4', 'p5'])
    expect(await ids({ score: _.lt(75).or(_.gt(90)) })).toEqual(['p4', 'p5'])
  })

  test('exists: a field set to null exists; a missing one does not', async () => {
    const _ = db.command
    expect(await ids({ nickname: _.exists(true) })).toEqual(['p4', 'p5'])
    expect(await ids({ nickname: _.exists(false) })).toEqual(['p1', 'p2', 'p3'])
  })

  test('dotted paths reach nested fields', async () => {
    const _ = db.command
    expect(await ids({ 'addr.city': 'bj' })).toEqual(['p1', 'p3'])
    expect(await ids({ 'addr.zip': _.exists(false) })).toEqual(['p4'])
    expect(await ids({ 'addr.zip': _.gte('200000') })).toEqual(['p2', 'p5'])
    // A nested object in where() matches by its fields, as CloudBase does.
    expect(await ids({ addr: { city: 'sh' } })).toEqual(['p2', 'p5'])
  })

  test('a value matches inside an array field, and dotted paths reach into arrays of objects', async () => {
    const _ = db.command
    expect(await ids({ tags: 'red' })).toEqual(['p1', 'p4'])
    expect(await ids({ tags: _.in(['green']) })).toEqual(['p2', 'p5'])
    expect(await ids({ 'pets.kind': 'cat' })).toEqual(['p1', 'p2'])
    expect(await ids({ 'pets.age': _.gt(4) })).toEqual(['p2'])
    expect(await ids({ 'pets.0.kind': 'dog' })).toEqual(['p2'])
    // Without elemMatch the two conditions may hold for different elements (p2: a dog of 5, a cat of 1)...
    expect(await ids({ 'pets.kind': 'cat', 'pets.age': _.gt(2) })).toEqual(['p1', 'p2'])
    // ...with elemMatch one element must satisfy both.
    expect(await ids({ pets: _.elemMatch({ kind: 'cat', age: _.gt(2) }) })).toEqual(['p1'])
    expect(await ids({ tags: _.size(0) })).toEqual(['p3'])
    expect(await ids({ tags: _.all(['blue', 'green']) })).toEqual(['p5'])
  })

  test('a regular expression matches strings', async () => {
    expect(await ids({ name: db.RegExp({ regexp: '^[ab]', options: 'i' }) })).toEqual(['p1', 'p2'])
  })
})

describe('ordering, paging, counting, projection', () => {
  const names = (res: { data: { name: string }[] }) => res.data.map((d) => d.name)

  test('orderBy ascending and descending', async () => {
    expect(names(await db.collection(people).orderBy('score', 'desc').orderBy('name', 'asc').get())).toEqual([
      'Eve',
      'Ann',
      'Bob',
      'Cai',
      'Dan',
    ])
    expect(names(await db.collection(people).orderBy('name', 'desc').get())).toEqual(['Eve', 'Dan', 'Cai', 'Bob', 'Ann'])
  })

  test('orderBy on two keys: the second breaks ties of the first, in its own direction', async () => {
    expect(names(await db.collection(people).orderBy('age', 'asc').orderBy('name', 'desc').get())).toEqual([
      'Dan',
      'Bob',
      'Ann',
      'Cai',
      'Eve',
    ])
    expect(names(await db.collection(people).orderBy('age', 'desc').orderBy('name', 'asc').get())).toEqual([
      'Eve',
      'Cai',
      'Ann',
      'Bob',
      'Dan',
    ])
  })

  test('orderBy on a nested field', async () => {
    expect(names(await db.collection(people).where({ 'addr.zip': db.command.exists(true) }).orderBy('addr.zip', 'desc').get())).toEqual([
      'Eve',
      'Bob',
      'Cai',
      'Ann',
    ])
  })

  test('skip and limit page through an ordered result', async () => {
    const page = (skip: number, limit: number) => db.collection(people).orderBy('name', 'asc').skip(skip).limit(limit).get()
    expect(names(await page(0, 2))).toEqual(['Ann', 'Bob'])
    expect(names(await page(2, 2))).toEqual(['Cai', 'Dan'])
    expect(names(await page(4, 2))).toEqual(['Eve'])
    expect(names(await page(5, 2))).toEqual([])
    expect(names(await db.collection(people).where({ city: 'sh' }).orderBy('age', 'asc').limit(1).get())).toEqual(['Bob'])
  })

  test('count() with and without a condition', async () => {
    expect((await db.collection(people).count()).total).toBe(5)
    expect((await db.collection(people).where({ city: 'bj' }).count()).total).toBe(2)
    expect((await db.collection(people).where({ 'pets.kind': 'cat' }).count()).total).toBe(2)
    expect((await db.collection(people).where({ city: 'nowhere' }).count()).total).toBe(0)
  })

  test('field() keeps only the named fields (and _id), including nested ones', async () => {
    const res = await db.collection(people).where({ _id: 'p1' }).field({ name: true, 'addr.city': true }).get()
    expect(res.data).toEqual([{ _id: 'p1', name: 'Ann', addr: { city: 'bj' } }])
    const noId = await db.collection(people).where({ city: 'sh' }).orderBy('name', 'asc').field({ _id: false, name: true }).get()
    expect(noId.data).toEqual([{ name: 'Bob' }, { name: 'Eve' }])
  })

  test('field() with false drops the named fields', async () => {
    const res = await db.collection(people).where({ _id: 'p4' }).field({ tags: false, addr: false, score: false }).get()
    expect(res.data).toEqual([{ _id: 'p4', name: 'Dan', age: 25, city: 'gz', nickname: 'D' }])
  })

  test('doc().field().get() projects a single document', async () => {
    const res = await db.collection(people).doc('p2').field({ age: true }).get()
    expect(res.data).toEqual([{ _id: 'p2', age: 25 }])
  })
})

describe('update operators', () => {
  let n = 0
  /** A fresh document in the scratch collection, read back after `update` is applied. */
  async function after(initial: Record<string, unknown>, update: Record<string, unknown>) {
    const id = `u${++n}`
    await db.collection(scratch).add({ _id: id, ...initial })
    const res = await db.collection(scratch).doc(id).update(update)
    const doc = (await db.collection(scratch).doc(id).get()).data[0]
    delete doc._id
    return { updated: res.updated, doc }
  }

  test('set replaces an embedded object wholesale, where a plain object merges', async () => {
    const _ = db.command
    expect(await after({ obj: { x: 1, y: 2 } }, { obj: _.set({ z: 3 }) })).toEqual({ updated: 1, doc: { obj: { z: 3 } } })
    expect(await after({ obj: { x: 1, y: 2 } }, { obj: { z: 3 } })).toEqual({ updated: 1, doc: { obj: { x: 1, y: 2, z: 3 } } })
  })

  test('inc adds (and subtracts), also on a nested path and on a missing field', async () => {
    const _ = db.command
    expect(await after({ n: 5, s: { views: 1 } }, { n: _.inc(-2), 's.views': _.inc(10), fresh: _.inc(4) })).toEqual({
      updated: 1,
      doc: { n: 3, s: { views: 11 }, fresh: 4 },
    })
    expect(await after({ n: 0.5 }, { n: _.inc(0.25) })).toEqual({ updated: 1, doc: { n: 0.75 } })
  })

  test('mul multiplies', async () => {
    const _ = db.command
    expect(await after({ price: 7, other: 2 }, { price: _.mul(3) })).toEqual({ updated: 1, doc: { price: 21, other: 2 } })
  })

  test('push appends one value or several, keeping duplicates', async () => {
    const _ = db.command
    expect(await after({ tags: ['a'] }, { tags: _.push('a') })).toEqual({ updated: 1, doc: { tags: ['a', 'a'] } })
    expect(await after({ tags: ['a'] }, { tags: _.push(['b', 'c']) })).toEqual({ updated: 1, doc: { tags: ['a', 'b', 'c'] } })
  })

  test('pull removes every element equal to a value, or matching a condition', async () => {
    const _ = db.command
    expect(await after({ tags: ['a', 'b', 'a', 'c'] }, { tags: _.pull('a') })).toEqual({ updated: 1, doc: { tags: ['b', 'c'] } })
    expect(await after({ nums: [1, 5, 2, 8, 3] }, { nums: _.pull(_.gt(2)) })).toEqual({ updated: 1, doc: { nums: [1, 2] } })
  })

  test('addToSet adds a value only when it is absent', async () => {
    const _ = db.command
    expect(await after({ tags: ['a', 'b'] }, { tags: _.addToSet('c') })).toEqual({ updated: 1, doc: { tags: ['a', 'b', 'c'] } })
    expect(await after({ tags: ['a', 'b'] }, { tags: _.addToSet('a') })).toEqual({ updated: 0, doc: { tags: ['a', 'b'] } })
  })

  test('remove deletes a field, also a nested one', async () => {
    const _ = db.command
    expect(await after({ a: 1, b: 2, c: { d: 1, e: 2 } }, { b: _.remove(), 'c.d': _.remove() })).toEqual({
      updated: 1,
      doc: { a: 1, c: { e: 2 } },
    })
  })

  test('several operators in one update apply together', async () => {
    const _ = db.command
    expect(await after({ n: 1, tags: ['x'], gone: true }, { n: _.inc(1), tags: _.push('y'), gone: _.remove(), added: 'yes' })).toEqual({
      updated: 1,
      doc: { n: 2, tags: ['x', 'y'], added: 'yes' },
    })
  })

  test('set() replaces the whole document while update() merges', async () => {
    await db.collection(scratch).add([
      { _id: 'cmp-set', a: 1, b: 2 },
      { _id: 'cmp-update', a: 1, b: 2 },
    ])
    await db.collection(scratch).doc('cmp-set').set({ a: 9 })
    await db.collection(scratch).doc('cmp-update').update({ a: 9 })
    expect((await db.collection(scratch).doc('cmp-set').get()).data).toEqual([{ _id: 'cmp-set', a: 9 }])
    expect((await db.collection(scratch).doc('cmp-update').get()).data).toEqual([{ _id: 'cmp-update', a: 9, b: 2 }])
  })

  test('where().update() with operators updates every match and no other document', async () => {
    const _ = db.command
    await db.collection(scratch).add([
      { _id: 'mu1', team: 'red', pts: 1 },
      { _id: 'mu2', team: 'red', pts: 2 },
      { _id: 'mu3', team: 'blue', pts: 3 },
    ])
    const res = await db.collection(scratch).where({ team: 'red' }).update({ pts: _.inc(10), seen: true })
    expect(res.updated).toBe(2)
    const all = await db.collection(scratch).where({ _id: _.in(['mu1', 'mu2', 'mu3']) }).orderBy('_id', 'asc').get()
    expect(all.data).toEqual([
      { _id: 'mu1', team: 'red', pts: 11, seen: true },
      { _id: 'mu2', team: 'red', pts: 12, seen: true },
      { _id: 'mu3', team: 'blue', pts: 3 },
    ])
  })

  test('where().remove() removes every match and no other document', async () => {
    const _ = db.command
    await db.collection(scratch).add([
      { _id: 'mr1', batch: 'rm', keep: false },
      { _id: 'mr2', batch: 'rm', keep: false },
      { _id: 'mr3', batch: 'rm', keep: true },
    ])
    expect((await db.collection(scratch).where({ batch: 'rm', keep: false }).remove()).deleted).toBe(2)
    const left = await db.collection(scratch).where({ batch: 'rm' }).get()
    expect(left.data).toEqual([{ _id: 'mr3', batch: 'rm', keep: true }])
    expect((await db.collection(scratch).where({ batch: _.eq('rm'), keep: false }).remove()).deleted).toBe(0)
  })
})

describe('aggregate', () => {
  test('match, group with $.sum, sort, limit, project', async () => {
    const _ = db.command
    const $ = _.aggregate
    const res = await db
      .collection(orders)
      .aggregate()
      .match({ refunded: _.neq(true) })
      .group({ _id: '$cat', total: $.sum('$amount'), n: $.sum(1) })
      .sort({ total: -1 })
      .limit(2)
      .project({ _id: 0, cat: '$_id', total: 1, n: 1 })
      .end()
    expect(res.data).toEqual([
      { cat: 'food', total: 30, n: 2 },
      { cat: 'tool', total: 20, n: 2 },
    ])
  })

  test('project computes fields with aggregation operators', async () => {
    const $ = db.command.aggregate
    const res = await db
      .collection(orders)
      .aggregate()
      .match({ cat: 'tool' })
      .project({ _id: 1, value: $.multiply(['$amount', '$qty']) })
      .sort({ _id: 1 })
      .end()
    expect(res.data).toEqual([
      { _id: 'o3', value: 15 },
      { _id: 'o5', value: 15 },
    ])
  })

  test('a whole-collection group sums every document', async () => {
    const $ = db.command.aggregate
    const res = await db.collection(orders).aggregate().group({ _id: null, amount: $.sum('$amount'), qty: $.sum('$qty') }).end()
    expect(res.data).toEqual([{ _id: null, amount: 157, qty: 9 }])
  })
})
