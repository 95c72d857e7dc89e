/**
 * Transactions as CloudBase (MongoDB) runs them: commit, rollback, isolation from plain reads,
 * single-document operations only, write conflicts answered with DATABASE_TRANSACTION_CONFLICT so the
 * SDK's runTransaction retries, and no lost update under concurrency.
 */
import { startCloud, type TestCloud } from '../support/cloud'
import { type Db, createCollections, rawAdmin, rejection, statsDelta } from '../support/emulator'

let cloud: TestCloud
let db: Db
let accounts: string
let ledger: string

beforeAll(async () => {
  cloud = await startCloud()
  db = cloud.sdk().database()
  ;[accounts, ledger] = await createCollections(db, 'accounts', 'ledger')
})
afterAll(() => cloud?.stop())

type Tx = Awaited<ReturnType<Db['startTransaction']>>

const read = async (collection: string, id: string) => (await db.collection(collection).doc(id).get()).data[0] ?? null

describe('commit and rollback', () => {
  test('runTransaction commits both writes, and the SDK sends start then commit', async () => {
    await db.collection(accounts).add([
      { _id: 'alice', balance: 100 },
      { _id: 'bob', balance: 0 },
    ])
    const delta = await statsDelta(cloud, async () => {
      const result = await db.runTransaction(async (tx: Tx) => {
        const alice = (await tx.collection(accounts).doc('alice').get()).data
        expect(alice).toEqual({ _id: 'alice', balance: 100 }) // inside a transaction: the document, not a list
        await tx.collection(accounts).doc('alice').update({ balance: db.command.inc(-30) })
        await tx.collection(accounts).doc('bob').update({ balance: db.command.inc(30) })
        await tx.collection(ledger).add({ _id: 'tx-1', from: 'alice', to: 'bob', amount: 30 })
        return 'moved'
      })
      expect(result).toBe('moved')
    })
    expect(await read(accounts, 'alice')).toEqual({ _id: 'alice', balance: 70 })
    expect(await read(accounts, 'bob')).toEqual({ _id: 'bob', balance: 30 })
    expect(await read(ledger, 'tx-1')).toEqual({ _id: 'tx-1', from: 'alice', to: 'bob', amount: 30 })
    expect(delta).toEqual({
      'database.startTransaction': 1,
      'database.getDocument': 1,
      'database.modifyDocument': 2,
      'database.insertDocument': 1,
      'database.commitTransaction': 1,
    })
  })

  test('tx.rollback(reason) inside runTransaction writes nothing and runTransaction rejects with the reason', async () => {
    await db.collection(accounts).add({ _id: 'carol', balance: 10 })
    const delta = await statsDelta(cloud, async () => {
      const reason = await rejection(
        db.runTransaction(async (tx: Tx) => {
          await tx.collection(accounts).doc('carol').update({ balance: db.command.inc(-50) })
          await tx.collection(ledger).add({ _id: 'tx-rolled-back', amount: 50 })
          const carol = (await tx.collection(accounts).doc('carol').get()).data
          if (carol.balance < 0) await tx.rollback({ code: 'POINTS.INSUFFICIENT', balance: carol.balance })
        }),
      )
      expect(reason).toEqual({ code: 'POINTS.INSUFFICIENT', balance: -40 })
    })
    expect(await read(accounts, 'carol')).toEqual({ _id: 'carol', balance: 10 })
    expect(await read(ledger, 'tx-rolled-back')).toBeNull()
    expect(delta['database.abortTransaction']).toBe(1)
    expect(delta['database.commitTransaction']).toBeUndefined()
  })

  test('an error thrown in the callback rolls back and is rethrown', async () => {
    await db.collection(accounts).add({ _id: 'dave', balance: 5 })
    const e = await rejection(
      db.runTransaction(async (tx: Tx) => {
        await tx.collection(accounts).doc('dave').set({ balance: 999 })
        throw new Error('boom')
      }),
    )
    expect(e.message).toBe('boom')
    expect(await read(accounts, 'dave')).toEqual({ _id: 'dave', balance: 5 })
  })

  test('startTransaction + rollback() discards every write, including a remove and an insert', async () => {
    await db.collection(accounts).add({ _id: 'erin', balance: 1 })
    const tx = await db.startTransaction()
    await tx.collection(accounts).doc('erin').remove()
    await tx.collection(accounts).add({ _id: 'frank', balance: 2 })
    expect((await tx.collection(accounts).doc('erin').get()).data).toBeNull()
    expect((await tx.collection(accounts).doc('frank').get()).data).toEqual({ _id: 'frank', balance: 2 })
    await tx.rollback()
    expect(await read(accounts, 'erin')).toEqual({ _id: 'erin', balance: 1 })
    expect(await read(accounts, 'frank')).toBeNull()
    // The transaction is over: it cannot be committed afterwards.
    expect((await rejection(tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL')
  })
})

describe('isolation', () => {
  test('a write inside an open transaction is invisible to plain reads until commit', async () => {
    await db.collection(accounts).add({ _id: 'gina', balance: 1 })
    const tx = await db.startTransaction()
    await tx.collection(accounts).doc('gina').update({ balance: 2 })
    await tx.collection(accounts).add({ _id: 'hank', balance: 3 })

    expect(await read(accounts, 'gina')).toEqual({ _id: 'gina', balance: 1 })
    expect(await read(accounts, 'hank')).toBeNull()
    expect((await db.collection(accounts).where({ balance: 2 }).get()).data).toEqual([])
    expect((await db.collection(accounts).where({ _id: 'hank' }).count()).total).toBe(0)
    // The transaction sees its own writes.
    expect((await tx.collection(accounts).doc('gina').get()).data).toEqual({ _id: 'gina', balance: 2 })

    await tx.commit()
    expect(await read(accounts, 'gina')).toEqual({ _id: 'gina', balance: 2 })
    expect(await read(accounts, 'hank')).toEqual({ _id: 'hank', balance: 3 })
  })
})

describe('only single-document operations by _id inside a transaction', () => {
  test('a where() read inside a transaction is refused', async () => {
    await db.collection(accounts).add({ _id: 'ivan', balance: 7, team: 'w' })
    const tx = await db.startTransaction()
    const e = await rejection(tx.collection(accounts).where({ team: 'w' }).get())
    expect(e.code).toBe('DATABASE_TRANSACTION_FAIL')
    // A where() on _id alone is still a where(): refused too.
    expect((await rejection(tx.collection(accounts).where({ _id: 'ivan' }).get())).code).toBe('DATABASE_TRANSACTION_FAIL')
    await tx.rollback()
  })

  test('updateAndReturn() on a condition other than _id inside a transaction is refused and writes nothing', async () => {
    await db.collection(accounts).add({ _id: 'judy', balance: 7, team: 'uar' })
    const tx = await db.startTransaction()
    const e = await rejection(tx.collection(accounts).where({ team: 'uar' }).updateAndReturn({ balance: 0 }))
    expect(e.code).toBe('DATABASE_TRANSACTION_FAIL')
    await tx.commit()
    expect(await read(accounts, 'judy')).toEqual({ _id: 'judy', balance: 7, team: 'uar' })
  })

  test('a where() inside runTransaction makes the whole transaction fail and roll back', async () => {
    await db.collection(accounts).add({ _id: 'kate', balance: 1, team: 'rt' })
    const e = await rejection(
      db.runTransaction(async (tx: Tx) => {
        await tx.collection(accounts).doc('kate').update({ balance: 100 })
        await tx.collection(accounts).where({ team: 'rt' }).get()
      }),
    )
    expect(e.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(await read(accounts, 'kate')).toEqual({ _id: 'kate', balance: 1, team: 'rt' })
  })

  test.each([
    ['modifyDocument', { action: 'database.modifyDocument', queryType: 'WHERE', multi: true, merge: true, data: '{"$set":{"balance":0}}' }],
    ['removeDocument', { action: 'database.removeDocument', queryType: 'WHERE', multi: true }],
  ])('a multi-document %s carrying a transactionId is refused', async (_name, request) => {
    await db.collection(accounts).add({ _id: `raw-${_name}`, balance: 9, team: `raw-${_name}` })
    const tx = await db.startTransaction()
    const answer = await rawAdmin(cloud.url, {
      ...request,
      collectionName: accounts,
      query: JSON.stringify({ team: `raw-${_name}` }),
      transactionId: tx.getTransactionId(),
    })
    expect(answer.code).toBe('DATABASE_TRANSACTION_FAIL')
    await tx.commit()
    expect(await read(accounts, `raw-${_name}`)).toEqual({ _id: `raw-${_name}`, balance: 9, team: `raw-${_name}` })
  })

  test('the SDK sends tx.collection().where().update() without the transaction: it applies at once, even if the transaction rolls back', async () => {
    // Query.update() of @cloudbase/database 1.4.3 does not pass its transactionId, so neither the
    // emulator nor CloudBase can refuse it: it is a plain multi-document update. Application code must not rely on it.
    await db.collection(accounts).add({ _id: 'leo', balance: 1, team: 'sdk-quirk' })
    const delta = await statsDelta(cloud, async () => {
      const tx = await db.startTransaction()
      const res = await tx.collection(accounts).where({ team: 'sdk-quirk' }).update({ balance: 50 })
      expect(res.updated).toBe(1)
      expect(await read(accounts, 'leo')).toEqual({ _id: 'leo', balance: 50, team: 'sdk-quirk' })
      await tx.rollback()
    })
    expect(await read(accounts, 'leo')).toEqual({ _id: 'leo', balance: 50, team: 'sdk-quirk' })
    expect(delta['database.modifyDocument']).toBe(1)
  })
})

describe('write conflicts', () => {
  test('two transactions updating one document: the second write gets DATABASE_TRANSACTION_CONFLICT, the first commits', async () => {
    await db.collection(accounts).add({ _id: 'mia', balance: 0 })
    const t1 = await db.startTransaction()
    const t2 = await db.startTransaction()
    await t1.collection(accounts).doc('mia').update({ balance: 1 })
    const e = await rejection(t2.collection(accounts).doc('mia').update({ balance: 2 }))
    expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    await t1.commit()
    expect(await read(accounts, 'mia')).toEqual({ _id: 'mia', balance: 1 })
    // The loser was aborted by the server; committing it fails and changes nothing.
    expect((await rejection(t2.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(await read(accounts, 'mia')).toEqual({ _id: 'mia', balance: 1 })
  })

  test('the loser of a conflict releases what it held: a later transaction can write those documents', async () => {
    await db.collection(accounts).add([
      { _id: 'ned', balance: 0 },
      { _id: 'ola', balance: 0 },
    ])
    const t1 = await db.startTransaction()
    const t2 = await db.startTransaction()
    await t2.collection(accounts).doc('ola').update({ balance: 5 }) // t2 holds ola
    await t1.collection(accounts).doc('ned').update({ balance: 1 })
    expect((await rejection(t2.collection(accounts).doc('ned').update({ balance: 2 }))).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    await t1.commit()
    const t3 = await db.startTransaction()
    await t3.collection(accounts).doc('ola').update({ balance: 7 })
    await t3.commit()
    expect(await read(accounts, 'ola')).toEqual({ _id: 'ola', balance: 7 })
  })

  test('a transaction that read a document another transaction has since committed cannot write it', async () => {
    await db.collection(accounts).add({ _id: 'pam', balance: 10 })
    const t1 = await db.startTransaction()
    const t2 = await db.startTransaction()
    const seen = (await t1.collection(accounts).doc('pam').get()).data
    expect(seen).toEqual({ _id: 'pam', balance: 10 })
    await t2.collection(accounts).doc('pam').update({ balance: 11 })
    await t2.commit()
    const e = await rejection(t1.collection(accounts).doc('pam').update({ balance: seen.balance + 5 }))
    expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(await read(accounts, 'pam')).toEqual({ _id: 'pam', balance: 11 })
  })

  test('a plain write to a document held by an open transaction makes that transaction’s commit fail', async () => {
    await db.collection(accounts).add({ _id: 'quinn', balance: 0 })
    const tx = await db.startTransaction()
    await tx.collection(accounts).doc('quinn').update({ balance: 100 })
    const plain = await db.collection(accounts).doc('quinn').update({ balance: 1 })
    expect(plain.updated).toBe(1)
    const e = await rejection(tx.commit())
    expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(await read(accounts, 'quinn')).toEqual({ _id: 'quinn', balance: 1 })
  })

  test('8 concurrent runTransaction increments: the count equals the number that resolved, and conflicts were retried', async () => {
    await db.collection(accounts).add({ _id: 'counter', count: 0 })
    const attempts = Array.from({ length: 8 }, () => 0)
    const results = await Promise.allSettled(
      attempts.map((_, i) =>
        db.runTransaction(async (tx: Tx) => {
          attempts[i]++
          const doc = (await tx.collection(accounts).doc('counter').get()).data
          await tx.collection(accounts).doc('counter').update({ count: doc.count + 1 })
          return doc.count + 1
        }),
      ),
    )
    const resolved = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<number>[]
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]
    for (const r of rejected) expect((r.reason as { code?: string }).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(resolved.length).toBeGreaterThanOrEqual(1)
    expect(await read(accounts, 'counter')).toEqual({ _id: 'counter', count: resolved.length })
    // Each committed transaction wrote a distinct value: 1..n, no two read the same count.
    expect(resolved.map((r) => r.value).sort((a, b) => a - b)).toEqual(Array.from({ length: resolved.length }, (_, i) => i + 1))
    expect(Math.max(...attempts)).toBeGreaterThan(1)
    // Every attempt ended: no transaction is left open holding a lock.
    const t = await db.startTransaction()
    await t.collection(accounts).doc('counter').update({ count: db.command.inc(0) })
    await t.commit()
  })
})

describe('concurrent plain updates', () => {
  test('40 concurrent _.inc(1) updates of one document end at exactly 40', async () => {
    await db.collection(accounts).add({ _id: 'hits', n: 0 })
    const results = await Promise.all(
      Array.from({ length: 40 }, () => db.collection(accounts).doc('hits').update({ n: db.command.inc(1) })),
    )
    expect(results.every((r) => r.updated === 1)).toBe(true)
    expect(await read(accounts, 'hits')).toEqual({ _id: 'hits', n: 40 })
  })
})
