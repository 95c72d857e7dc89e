/**
 * Bad requests: each is answered with a clear error (HTTP 200 and a `code`, as CloudBase answers the
 * SDK), and the server stays up and keeps serving afterwards.
 */
import http from 'node:http'
import { startCloud, type TestCloud } from '../support/cloud'
import { type Db, createCollections, rawAdmin, rejection } from '../support/emulator'

let cloud: TestCloud
let db: Db
let things: string

beforeAll(async () => {
  cloud = await startCloud()
  db = cloud.sdk().database()
  ;[things] = await createCollections(db, 'things')
  await db.collection(things).add({ _id: 't1', a: 1 })
})
afterAll(() => cloud?.stop())

/** The server still answers /healthz and a real SDK read. */
async function expectAlive() {
  const res = await fetch(`${cloud.url}/healthz`)
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ ok: true })
  expect((await db.collection(things).doc('t1').get()).data).toEqual([{ _id: 't1', a: 1 }])
  expect(cloud.process.exitCode).toBeNull()
}

const getDocument = (query: string) => ({ action: 'database.getDocument', collectionName: things, queryType: 'WHERE', query, limit: 10 })

describe('the CloudBase endpoint /admin', () => {
  test.each([
    ['JSON with a syntax error', '{"a": '],
    ['an invalid EJSON ObjectId', '{"a":{"$oid":"xyz"}}'],
    ['an invalid EJSON number', '{"a":{"$numberLong":"twelve"}}'],
    ['an invalid EJSON decimal', '{"a":{"$numberDecimal":"abc"}}'],
  ])('a query that is %s is refused with INVALID_PARAM', async (_what, query) => {
    const answer = await rawAdmin(cloud.url, getDocument(query))
    expect(answer.code).toBe('INVALID_PARAM')
    expect(answer.message).toMatch(/EJSON/)
    expect(answer.data).toBeUndefined()
    await expectAlive()
  })

  test('a regular expression that cannot compile is refused with INVALID_PARAM, not answered as an internal error', async () => {
    // What a search box passes on when a user types "(".
    const e = await rejection(db.collection(things).where({ a: db.RegExp({ regexp: '(' }) }).get())
    expect(e.code).toBe('INVALID_PARAM')
    expect(cloud.output()).not.toContain('处理请求时出错')
    await expectAlive()
  })

  test('a query with an unknown operator is refused with INVALID_PARAM', async () => {
    const answer = await rawAdmin(cloud.url, getDocument('{"a":{"$nosuchop":1}}'))
    expect(answer.code).toBe('INVALID_PARAM')
    await expectAlive()
  })

  test('an update with an unknown operator is refused with INVALID_PARAM and changes nothing', async () => {
    const answer = await rawAdmin(cloud.url, {
      action: 'database.modifyDocument',
      collectionName: things,
      queryType: 'DOC',
      query: '{"_id":"t1"}',
      data: '{"$nosuchop":{"a":5}}',
      merge: true,
    })
    expect(answer.code).toBe('INVALID_PARAM')
    await expectAlive()
  })

  test('a body that is not JSON is answered with INVALID_PARAM', async () => {
    const answer = await rawAdmin(cloud.url, 'this is { not json')
    expect(answer.code).toBe('INVALID_PARAM')
    expect(answer.message).toMatch(/JSON/)
    await expectAlive()
  })

  test('a JSON body that is not an object, or has no action, is answered with INVALID_PARAM', async () => {
    expect((await rawAdmin(cloud.url, '[1,2,3]')).code).toBe('INVALID_PARAM')
    expect((await rawAdmin(cloud.url, 'null')).code).toBe('INVALID_PARAM')
    expect((await rawAdmin(cloud.url, { collectionName: things })).code).toBe('INVALID_PARAM')
    await expectAlive()
  })

  test('an unknown action is answered with INVALID_ACTION', async () => {
    const answer = await rawAdmin(cloud.url, { action: 'database.dropEverything', collectionName: things })
    expect(answer.code).toBe('INVALID_ACTION')
    expect(answer.message).toContain('database.dropEverything')
    expect(typeof answer.requestId).toBe('string')
    await expectAlive()
  })

  test('an unknown collection is answered with DATABASE_COLLECTION_NOT_EXIST', async () => {
    const answer = await rawAdmin(cloud.url, { ...getDocument('{}'), collectionName: 'no_such_collection' })
    expect(answer.code).toBe('DATABASE_COLLECTION_NOT_EXIST')
    await expectAlive()
  })

  test('a missing collection name is answered with INVALID_PARAM', async () => {
    const answer = await rawAdmin(cloud.url, { action: 'database.getDocument', queryType: 'WHERE', query: '{}' })
    expect(answer.code).toBe('INVALID_PARAM')
    await expectAlive()
  })

  test('a negative skip or a zero limit is refused with INVALID_PARAM', async () => {
    expect((await rawAdmin(cloud.url, { ...getDocument('{}'), offset: -1 })).code).toBe('INVALID_PARAM')
    expect((await rawAdmin(cloud.url, { ...getDocument('{}'), limit: 0 })).code).toBe('INVALID_PARAM')
    expect((await rawAdmin(cloud.url, { ...getDocument('{}'), limit: 2.5 })).code).toBe('INVALID_PARAM')
    await expectAlive()
  })

  test('a body of 17 MB is refused with a code and the server stays up', async () => {
    const body = JSON.stringify({ action: 'database.insertDocument', collectionName: things, data: ['x'.repeat(17 * 1024 * 1024)] })
    const outcome = await new Promise<{ status?: number; body?: string; error?: string }>((resolve) => {
      const req = http.request(`${cloud.url}/admin`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let text = ''
        res.on('data', (c) => (text += c))
        res.on('end', () => resolve({ status: res.statusCode, body: text }))
        res.on('error', (e) => resolve({ error: e.message }))
      })
      req.on('error', (e) => resolve({ error: e.message }))
      req.end(body)
    })
    // The oversized body is read and discarded, so the client gets the answer rather than a broken pipe.
    expect(outcome.error).toBeUndefined()
    expect(outcome.status).toBe(200)
    expect(JSON.parse(outcome.body!)).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('MB') })
    expect((await db.collection(things).count()).total).toBe(1)
    await expectAlive()
  })

  test('a POST to a path that does not exist is answered 404 with NOT_FOUND', async () => {
    const res = await fetch(`${cloud.url}/no/such/endpoint`, { method: 'POST', body: '{}' })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    await expectAlive()
  })
})

describe('the function gateway /api/<name>', () => {
  test('malformed JSON is answered with INPUT.INVALID', async () => {
    const res = await fetch(`${cloud.url}/api/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'demo-resident' },
      body: '{"action": "me",',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    await expectAlive()
  })

  test('a 7 MB call is refused as too large, in Chinese, and nothing runs', async () => {
    const res = await fetch(`${cloud.url}/api/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'demo-resident' },
      body: JSON.stringify({ action: 'me', padding: 'x'.repeat(7 * 1024 * 1024) }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '提交的内容太大了' })
    await expectAlive()
  })

  test('an unknown function is answered with NOT_FOUND', async () => {
    expect(await cloud.api('nosuchfunction', 'me', {}, 'demo-resident')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    await expectAlive()
  })

  test('an unknown action of a function is answered with INPUT.INVALID, naming the actions there are', async () => {
    const answer = await cloud.api('user', 'nosuchaction', {}, 'demo-resident')
    expect(answer).toMatchObject({ ok: false, code: 'INPUT.INVALID', details: { actions: expect.arrayContaining(['me', 'join', 'myData']) } })
    await expectAlive()
  })

  test('a body over the gateway limit is refused with INPUT.INVALID or a closed connection, and the server stays up', async () => {
    const outcome = await fetch(`${cloud.url}/api/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'me', pad: 'y'.repeat(7 * 1024 * 1024) }),
    }).then(
      async (res) => ({ status: res.status, json: (await res.json()) as Record<string, unknown> }),
      (e: Error) => ({ error: e }),
    )
    // fetch rejects with a TypeError ("fetch failed") when the server closes the connection mid-upload.
    if ('error' in outcome) expect(outcome.error.message).toBe('fetch failed')
    else expect(outcome.json).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    await expectAlive()
  })

  test('the same valid call still works after all of the above', async () => {
    expect(await cloud.api('user', 'me', {}, 'demo-resident')).toMatchObject({ ok: true, data: { openid: 'demo-resident' } })
  })
})
