/**
 * Durability: data survives a clean stop and a kill -9, an acknowledged write is never lost, an
 * uncommitted transaction leaves nothing, and the demo data is seeded only into an empty data folder.
 */
import fs from 'node:fs'
import { startCloud, tempDataDir, type TestCloud } from '../support/cloud'
import { type Db, rejection, sleep, uniqueName } from '../support/emulator'

// The SDK leaves a "slower than 3 s" warning timer behind for a request that failed (the killed server's).
process.env.SILENCE = 'true'

let cloud: TestCloud | undefined
afterEach(async () => {
  await cloud?.stop()
  cloud = undefined
})

const SEED_MESSAGE = '正在写入演示数据'

test('after a clean stop and a restart on the same data folder, everything written is there and the demo data is not seeded again', async () => {
  const dataDir = tempDataDir()
  cloud = await startCloud({ dataDir })
  expect(cloud.output()).toContain(SEED_MESSAGE)
  let db: Db = cloud.sdk().database()
  const name = uniqueName('kept')
  await db.createCollection(name)
  const docs = Array.from({ length: 30 }, (_, i) => ({ _id: `k${i}`, i, at: new Date(Date.UTC(2024, 0, i + 1)), nested: { list: [i, i * 2] } }))
  await db.collection(name).add(docs)
  await db.collection(name).doc('k3').update({ i: db.command.inc(100) })
  await db.collection(name).doc('k4').remove()
  // Change one seeded document and delete another: a re-seed would restore both.
  await db.collection('orgNodes').doc('demo-community').update({ name: '改过名的社区' })
  await db.collection('offers').doc('offer-coupon').remove()
  const offersBefore = (await db.collection('offers').count()).total

  await cloud.stop()
  cloud = await startCloud({ dataDir })
  expect(cloud.output()).not.toContain(SEED_MESSAGE)
  db = cloud.sdk().database()

  const stored = (await db.collection(name).orderBy('i', 'asc').limit(100).get()).data
  const expected = docs.filter((d) => d._id !== 'k4').map((d) => (d._id === 'k3' ? { ...d, i: 103 } : d))
  expect(stored).toEqual(expected.sort((a, b) => a.i - b.i))
  expect(stored.find((d: { _id: string }) => d._id === 'k0').at).toEqual(new Date(Date.UTC(2024, 0, 1)))
  expect((await db.collection('orgNodes').doc('demo-community').get()).data[0].name).toBe('改过名的社区')
  expect((await db.collection('offers').doc('offer-coupon').get()).data).toEqual([])
  expect((await db.collection('offers').count()).total).toBe(offersBefore)
  // The collection created at runtime still exists: creating it again is refused.
  expect((await rejection(db.createCollection(name))).code).toBe('DATABASE_COLLECTION_ALREADY_EXIST')
})

test('after kill -9 in the middle of a write loop, every acknowledged write is present and an uncommitted transaction left nothing', async () => {
  const dataDir = tempDataDir()
  cloud = await startCloud({ dataDir })
  const victim = cloud
  let db: Db = victim.sdk().database()
  const name = uniqueName('crash')
  await db.createCollection(name)
  await db.collection(name).add({ _id: 'stable', v: 1 })

  // A transaction that has written (an update and an insert) but will never commit.
  const tx = await db.startTransaction()
  await tx.collection(name).doc('stable').update({ v: 999 })
  await tx.collection(name).add({ _id: 'ghost', v: 1 })

  const acked: number[] = []
  let attempted = -1
  const loop = (async () => {
    for (let i = 0; i < 200; i++) {
      attempted = i
      try {
        await db.collection(name).add({ _id: `w${i}`, i })
      } catch {
        return
      }
      acked.push(i)
    }
  })()
  // Kill from outside the loop, while a write is in flight.
  while (acked.length < 60) await sleep(1)
  await victim.kill9()
  await loop
  expect(victim.process.signalCode).toBe('SIGKILL')
  expect(acked.length).toBeGreaterThanOrEqual(60)
  expect(acked.length).toBeLessThan(200)
  expect(acked).toEqual(Array.from({ length: acked.length }, (_, i) => i))

  cloud = await startCloud({ dataDir })
  expect(cloud.output()).not.toContain(SEED_MESSAGE)
  db = cloud.sdk().database()
  const written = (await db.collection(name).where({ i: db.command.exists(true) }).orderBy('i', 'asc').limit(1000).get()).data as {
    _id: string
    i: number
  }[]
  const found = written.map((d) => d.i)
  // Every acknowledged write is there; at most the one in flight at the kill may be there too.
  expect(found.slice(0, acked.length)).toEqual(acked)
  expect(found.length === acked.length || (found.length === acked.length + 1 && found[acked.length] === attempted)).toBe(true)
  for (const d of written) expect(d._id).toBe(`w${d.i}`)
  expect((await db.collection(name).doc('stable').get()).data).toEqual([{ _id: 'stable', v: 1 }])
  expect((await db.collection(name).doc('ghost').get()).data).toEqual([])
  // The restarted store takes new writes.
  await db.collection(name).add({ _id: 'after-restart', v: 2 })
  expect((await db.collection(name).doc('after-restart').get()).data).toEqual([{ _id: 'after-restart', v: 2 }])
})

test('an uploaded file survives a restart', async () => {
  const dataDir = tempDataDir()
  cloud = await startCloud({ dataDir })
  const bytes = Buffer.from('persisted bytes ✓')
  const { fileID } = await cloud.sdk().uploadFile({ cloudPath: 'keep/note.txt', fileContent: bytes })
  await cloud.stop()
  cloud = await startCloud({ dataDir })
  const { fileContent } = await cloud.sdk().downloadFile({ fileID })
  expect(Buffer.compare(fileContent as Buffer, bytes)).toBe(0)
  expect(fs.existsSync(`${dataDir}/cloud.sqlite`)).toBe(true)
})
