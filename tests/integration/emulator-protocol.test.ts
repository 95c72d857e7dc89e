/**
 * Every database and function action of the CloudBase protocol, through the real `@cloudbase/node-sdk`
 * against the emulator: what each call answers, what it refuses, and what `/_emulator/stats` counts.
 */
import { startCloud, type TestCloud } from '../support/cloud'
import { type Db, createCollections, rawAdmin, rejection, statsDelta, uniqueName } from '../support/emulator'

let cloud: TestCloud
let db: Db
let items: string
let big: string

beforeAll(async () => {
  cloud = await startCloud()
  db = cloud.sdk().database()
  ;[items, big] = await createCollections(db, 'items', 'big')
  // 1050 small documents in one insert: more than a page of 1000.
  await db.collection(big).add(Array.from({ length: 1050 }, (_, i) => ({ n: i, even: i % 2 === 0 })))
})
afterAll(() => cloud?.stop())

const HEX_ID = /^[0-9a-f]{32}$/

describe('database.addCollection', () => {
  test('createCollection makes a collection that can be written, and counts one addCollection', async () => {
    const name = uniqueName('fresh')
    const delta = await statsDelta(cloud, () => db.createCollection(name))
    expect(delta).toEqual({ 'database.addCollection': 1 })
    const { id } = await db.collection(name).add({ a: 1 })
    expect((await db.collection(name).count()).total).toBe(1)
    expect((await db.collection(name).doc(id!).get()).data).toEqual([{ _id: id, a: 1 }])
  })

  test('creating a collection that exists is refused with DATABASE_COLLECTION_ALREADY_EXIST', async () => {
    const name = uniqueName('twice')
    await db.createCollection(name)
    await db.collection(name).add({ _id: 'keep', v: 1 })
    const e = await rejection(db.createCollection(name))
    expect(e.code).toBe('DATABASE_COLLECTION_ALREADY_EXIST')
    // The refused second creation did not empty the collection.
    expect((await db.collection(name).doc('keep').get()).data).toEqual([{ _id: 'keep', v: 1 }])
  })

  test('a collection name with characters CloudBase does not allow is refused with INVALID_PARAM', async () => {
    const e = await rejection(db.createCollection('bad name!'))
    expect(e.code).toBe('INVALID_PARAM')
  })
})

describe('a collection that was never created', () => {
  const missing = 'never_created_collection'
  const cases: [string, () => Promise<unknown>][] = [
    ['where().get()', () => db.collection(missing).where({ a: 1 }).get()],
    ['doc().get()', () => db.collection(missing).doc('x').get()],
    ['count()', () => db.collection(missing).count()],
    ['add()', () => db.collection(missing).add({ a: 1 })],
    ['doc().update()', () => db.collection(missing).doc('x').update({ a: 2 })],
    ['doc().set()', () => db.collection(missing).doc('x').set({ a: 2 })],
    ['where().update()', () => db.collection(missing).where({ a: 1 }).update({ a: 2 })],
    ['where().updateAndReturn()', () => db.collection(missing).where({ _id: 'x' }).updateAndReturn({ a: 2 })],
    ['doc().remove()', () => db.collection(missing).doc('x').remove()],
    ['where().remove()', () => db.collection(missing).where({ a: 1 }).remove()],
    ['aggregate()', () => db.collection(missing).aggregate().match({ a: 1 }).end()],
  ]
  test.each(cases)('%s is refused with DATABASE_COLLECTION_NOT_EXIST', async (_name, call) => {
    const e = await rejection(call())
    expect(e.code).toBe('DATABASE_COLLECTION_NOT_EXIST')
  })

  test('a refused write did not create the collection', async () => {
    await rejection(db.collection(missing).add({ a: 1 }))
    const e = await rejection(db.collection(missing).count())
    expect(e.code).toBe('DATABASE_COLLECTION_NOT_EXIST')
  })
})

describe('database.insertDocument', () => {
  test('add() without _id answers an id of 32 lowercase hex digits, and the document reads back', async () => {
    const res = await db.collection(items).add({ name: 'apple', qty: 3 })
    expect(res.id).toMatch(HEX_ID)
    expect((await db.collection(items).doc(res.id!).get()).data).toEqual([{ _id: res.id, name: 'apple', qty: 3 }])
  })

  test('ids generated for many documents are all distinct and all 32 lowercase hex', async () => {
    const res = await db.collection(items).add(Array.from({ length: 50 }, (_, i) => ({ batch: 'ids', i })))
    expect(res.ids).toHaveLength(50)
    for (const id of res.ids!) expect(id).toMatch(HEX_ID)
    expect(new Set(res.ids).size).toBe(50)
  })

  test('add() with an _id keeps that id', async () => {
    const res = await db.collection(items).add({ _id: 'my-own-id', name: 'pear' })
    expect(res.id).toBe('my-own-id')
    expect((await db.collection(items).doc('my-own-id').get()).data).toEqual([{ _id: 'my-own-id', name: 'pear' }])
  })

  test('adding a second document with an existing _id is refused and the first is unchanged', async () => {
    await db.collection(items).add({ _id: 'dup-id', v: 1 })
    const e = await rejection(db.collection(items).add({ _id: 'dup-id', v: 2 }))
    expect(e.code).toBe('DATABASE_REQUEST_FAILED')
    expect(e.message).toMatch(/duplicate key/)
    expect((await db.collection(items).doc('dup-id').get()).data).toEqual([{ _id: 'dup-id', v: 1 }])
  })

  test('a batch containing one duplicate _id inserts nothing', async () => {
    await db.collection(items).add({ _id: 'batch-dup', v: 1 })
    const e = await rejection(
      db.collection(items).add([
        { _id: 'batch-new-1', v: 1 },
        { _id: 'batch-dup', v: 2 },
      ]),
    )
    expect(e.code).toBe('DATABASE_REQUEST_FAILED')
    expect((await db.collection(items).doc('batch-new-1').get()).data).toEqual([])
  })

  test('db.serverDate() in add() is stored as a Date close to the server clock', async () => {
    const before = Date.now()
    const { id } = await db.collection(items).add({ kind: 'dated', at: db.serverDate(), later: db.serverDate({ offset: 3_600_000 }) })
    const after = Date.now()
    const doc = (await db.collection(items).doc(id!).get()).data[0]
    expect(doc.at).toBeInstanceOf(Date)
    expect(doc.at.getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(doc.at.getTime()).toBeLessThanOrEqual(after + 1000)
    expect(doc.later).toBeInstanceOf(Date)
    expect(doc.later.getTime() - doc.at.getTime()).toBeGreaterThanOrEqual(3_600_000 - 50)
    expect(doc.later.getTime() - doc.at.getTime()).toBeLessThanOrEqual(3_600_000 + 50)
  })

  test('db.serverDate() in update() is stored as a Date close to now, and is queryable as a date', async () => {
    await db.collection(items).add({ _id: 'touched', at: new Date('2000-01-01T00:00:00Z') })
    const before = Date.now()
    await db.collection(items).doc('touched').update({ at: db.serverDate() })
    const doc = (await db.collection(items).doc('touched').get()).data[0]
    expect(doc.at).toBeInstanceOf(Date)
    expect(Math.abs(doc.at.getTime() - before)).toBeLessThan(2000)
    const _ = db.command
    const found = await db.collection(items).where({ _id: 'touched', at: _.gt(new Date(before - 60_000)) }).get()
    expect(found.data.map((d: { _id: string }) => d._id)).toEqual(['touched'])
  })
})

describe('database.getDocument', () => {
  test('doc().get() of a missing id answers an empty list', async () => {
    expect((await db.collection(items).doc('no-such-doc').get()).data).toEqual([])
  })

  test('where().get() answers exactly the matching documents', async () => {
    await db.collection(items).add([
      { _id: 'g1', tag: 'get-test', n: 1 },
      { _id: 'g2', tag: 'get-test', n: 2 },
      { _id: 'g3', tag: 'other', n: 3 },
    ])
    const res = await db.collection(items).where({ tag: 'get-test' }).orderBy('n', 'asc').get()
    expect(res.data).toEqual([
      { _id: 'g1', tag: 'get-test', n: 1 },
      { _id: 'g2', tag: 'get-test', n: 2 },
    ])
  })

  test('get() without limit returns the default page of 100', async () => {
    expect((await db.collection(big).get()).data).toHaveLength(100)
    expect((await db.collection(big).where({ even: true }).get()).data).toHaveLength(100)
  })

  test('limit(1000) returns 1000 documents, and the SDK clamps a larger limit to 1000', async () => {
    const page = await db.collection(big).limit(1000).get()
    expect(page.data).toHaveLength(1000)
    expect((await db.collection(big).limit(5000).get()).data).toHaveLength(1000)
    const rest = await db.collection(big).skip(1000).limit(1000).get()
    expect(rest.data).toHaveLength(50)
    const all = new Set([...page.data, ...rest.data].map((d: { n: number }) => d.n))
    expect(all.size).toBe(1050)
  })

  test('a raw request with limit over 1000 is refused with INVALID_PARAM', async () => {
    const answer = await rawAdmin(cloud.url, {
      action: 'database.getDocument',
      collectionName: big,
      queryType: 'WHERE',
      query: '{}',
      limit: 5000,
    })
    expect(answer.code).toBe('INVALID_PARAM')
    expect(answer.data).toBeUndefined()
    // At exactly 1000 the same raw request is answered.
    const ok = await rawAdmin(cloud.url, { action: 'database.getDocument', collectionName: big, queryType: 'WHERE', query: '{}', limit: 1000 })
    expect((ok.data as { list: string[] }).list).toHaveLength(1000)
  })
})

describe('database.calculateDocument', () => {
  test('count() counts the whole collection and a where()', async () => {
    expect((await db.collection(big).count()).total).toBe(1050)
    expect((await db.collection(big).where({ even: true }).count()).total).toBe(525)
    expect((await db.collection(big).where({ n: db.command.lt(10) }).count()).total).toBe(10)
  })
})

describe('database.modifyDocument', () => {
  test('doc().update() merges into the document and answers updated: 1', async () => {
    await db.collection(items).add({ _id: 'm1', a: 1, b: { c: 2, d: 3 } })
    const res = await db.collection(items).doc('m1').update({ a: 10, b: { c: 20 }, e: 'new' })
    expect(res.updated).toBe(1)
    // The SDK flattens nested objects into dotted $set paths, so b.d survives.
    expect((await db.collection(items).doc('m1').get()).data).toEqual([{ _id: 'm1', a: 10, b: { c: 20, d: 3 }, e: 'new' }])
  })

  test('doc().update() of a missing document changes nothing and answers updated: 0', async () => {
    const res = await db.collection(items).doc('m-missing').update({ a: 1 })
    expect(res.updated).toBe(0)
    expect((await db.collection(items).doc('m-missing').get()).data).toEqual([])
  })

  test('doc().set() replaces the whole document; other fields are gone', async () => {
    await db.collection(items).add({ _id: 's1', a: 1, b: 2 })
    const res = await db.collection(items).doc('s1').set({ c: 3 })
    expect(res.updated).toBe(1)
    expect((await db.collection(items).doc('s1').get()).data).toEqual([{ _id: 's1', c: 3 }])
  })

  test('doc().set() of a missing document creates it (upsert) and answers its id', async () => {
    const res = await db.collection(items).doc('s-new').set({ z: 26 })
    expect(res.updated).toBe(0)
    expect(res.upsertedId).toBe('s-new')
    expect((await db.collection(items).doc('s-new').get()).data).toEqual([{ _id: 's-new', z: 26 }])
  })

  test('where().update() updates every matching document and answers how many', async () => {
    await db.collection(items).add([
      { _id: 'w1', group: 'multi', flag: false },
      { _id: 'w2', group: 'multi', flag: false },
      { _id: 'w3', group: 'multi', flag: false },
      { _id: 'w4', group: 'single', flag: false },
    ])
    const res = await db.collection(items).where({ group: 'multi' }).update({ flag: true })
    expect(res.updated).toBe(3)
    const flagged = await db.collection(items).where({ flag: true }).orderBy('_id', 'asc').get()
    expect(flagged.data.map((d: { _id: string }) => d._id)).toEqual(['w1', 'w2', 'w3'])
    expect((await db.collection(items).doc('w4').get()).data[0].flag).toBe(false)
  })
})

describe('database.modifyAndReturnDoc', () => {
  test('where().updateAndReturn() applies the update and answers the new document', async () => {
    await db.collection(items).add({ _id: 'r1', stock: 5, name: 'soap' })
    const res = await db.collection(items).where({ _id: 'r1' }).updateAndReturn({ stock: db.command.inc(-2) })
    expect(res.updated).toBe(1)
    expect(res.doc).toEqual({ _id: 'r1', stock: 3, name: 'soap' })
    expect((await db.collection(items).doc('r1').get()).data).toEqual([{ _id: 'r1', stock: 3, name: 'soap' }])
  })

  test('updateAndReturn() with no match answers updated: 0 and no document', async () => {
    const res = await db.collection(items).where({ _id: 'r-none' }).updateAndReturn({ stock: 1 })
    expect(res.updated).toBe(0)
    expect(res.doc).toBeNull()
  })
})

describe('database.removeDocument', () => {
  test('doc().remove() deletes one document and answers deleted: 1, then 0', async () => {
    await db.collection(items).add({ _id: 'del1', x: 1 })
    expect((await db.collection(items).doc('del1').remove()).deleted).toBe(1)
    expect((await db.collection(items).doc('del1').get()).data).toEqual([])
    expect((await db.collection(items).doc('del1').remove()).deleted).toBe(0)
  })

  test('where().remove() deletes every matching document', async () => {
    await db.collection(items).add([
      { _id: 'rm1', bin: 'yes' },
      { _id: 'rm2', bin: 'yes' },
      { _id: 'rm3', bin: 'no' },
    ])
    expect((await db.collection(items).where({ bin: 'yes' }).remove()).deleted).toBe(2)
    expect((await db.collection(items).where({ bin: db.command.exists(true) }).get()).data).toEqual([{ _id: 'rm3', bin: 'no' }])
  })
})

describe('database.aggregateDocuments', () => {
  test('aggregate() runs a pipeline over the collection', async () => {
    const res = await db
      .collection(big)
      .aggregate()
      .match({ n: db.command.lt(10) })
      .group({ _id: '$even', count: db.command.aggregate.sum(1) })
      .sort({ _id: 1 })
      .end()
    expect(res.data).toEqual([
      { _id: false, count: 5 },
      { _id: true, count: 5 },
    ])
  })
})

describe('functions.invokeFunction', () => {
  test('callFunction with admin credentials runs the function with no WeChat caller', async () => {
    const delta = await statsDelta(cloud, async () => {
      const res = await cloud.sdk().callFunction({ name: 'user', data: { action: 'me' } })
      expect(res.result).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
      expect(typeof (res.result as { message: unknown }).message).toBe('string')
    })
    expect(delta).toEqual({ 'functions.invokeFunction': 1 })
  })

  test('an unknown action of a known function answers INPUT.INVALID in the result', async () => {
    const res = await cloud.sdk().callFunction({ name: 'user', data: { action: 'no-such-action' } })
    expect(res.result).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  })

  test('calling a function that does not exist is an error', async () => {
    const e = await rejection(cloud.sdk().callFunction({ name: 'no-such-function', data: {} }))
    expect(e.code).toBe('FUNCTIONS_NOT_FOUND')
  })
})

describe('/_emulator/stats', () => {
  test('counts each SDK call under its action, exactly once', async () => {
    const name = uniqueName('counted')
    const delta = await statsDelta(cloud, async () => {
      const c = db.collection(name)
      await db.createCollection(name)
      const { id } = await c.add({ n: 1 })
      await c.add([{ n: 2 }, { n: 3 }])
      await c.doc(id!).get()
      await c.where({ n: db.command.gt(1) }).get()
      await c.where({ n: 1 }).count()
      await c.doc(id!).update({ n: 10 })
      await c.doc(id!).set({ n: 11 })
      await c.where({ n: 2 }).update({ n: 20 })
      await c.where({ n: 20 }).updateAndReturn({ n: 21 })
      await c.aggregate().match({ n: db.command.gte(0) }).end()
      await c.doc(id!).remove()
      await c.where({ n: 3 }).remove()
    })
    expect(delta).toEqual({
      'database.addCollection': 1,
      'database.insertDocument': 2,
      'database.getDocument': 2,
      'database.calculateDocument': 1,
      'database.modifyDocument': 3,
      'database.modifyAndReturnDoc': 1,
      'database.aggregateDocuments': 1,
      'database.removeDocument': 2,
    })
  })
})
