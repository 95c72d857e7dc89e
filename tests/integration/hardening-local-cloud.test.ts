/**
 * The local cloud's own defences (issue 10, findings 10 and 11), with raw HTTP where a browser or an attacker would
 * send what the SDK never does:
 * - it answers only same-origin requests on loopback: a foreign Origin, a foreign Host (DNS rebinding) and the
 *   content types a page can POST without a CORS preflight are refused before anything runs;
 * - evidence uploads are images by their bytes at upload time (not three magic bytes), within a per-user daily quota;
 * - bodies are capped by Content-Length before they are read, the bodies held at once have a budget, requests that
 *   never finish are closed, and connections are capped.
 */
import http from 'node:http'
import net from 'node:net'
import { tinyPng } from '../support/emulator'
import { startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
let port: number
beforeAll(async () => {
  cloud = await startCloud({ env: { LOCAL_CLOUD_MAX_CONNECTIONS: '40' } })
  port = Number(new URL(cloud.url).port)
})
afterAll(() => cloud?.stop())

const FILE_ID_PREFIX = 'cloud://local.local-local-bucket/'

interface Raw {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
  json: () => Record<string, unknown>
}

/** One request with exactly these headers (Node adds no Origin; Host is ours unless given). */
function raw(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${options.path}`, { method: options.method ?? 'POST', headers: options.headers ?? {}, agent: false }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

const clockOffset = async (c: TestCloud = cloud) => ((await (await fetch(`${c.url}/_emulator/clock`)).json()) as { offsetMs: number }).offsetMs
const meBody = JSON.stringify({ action: 'me' })

function expectRefusedInChinese(answer: Raw, status: number) {
  expect(answer.status).toBe(status)
  expect(answer.headers['content-type']).toMatch(/^application\/json/)
  expect(JSON.stringify(answer.json())).toMatch(/[\u4e00-\u9fa5]/)
}

describe('only same-origin requests on loopback', () => {
  test.each([
    ['/admin', JSON.stringify({ action: 'database.addCollection', collectionName: 'evil_origin' })],
    ['/api/user', meBody],
    ['/_emulator/clock', JSON.stringify({ offsetMs: 86_400_000 })],
    ['/_emulator/wechat', JSON.stringify({ down: true })],
  ])('a foreign Origin is refused on %s with HTTP 403, and nothing happens', async (path, body) => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`]) {
      const answer = await raw(cloud.url, { path, headers: { origin, 'content-type': 'application/json', 'x-wx-openid': 'demo-admin' }, body })
      expectRefusedInChinese(answer, 403)
    }
    // Also as the simple request a page can send without a preflight.
    expectRefusedInChinese(await raw(cloud.url, { path, headers: { origin: 'http://evil.example', 'content-type': 'text/plain' }, body }), 403)
    expect(await clockOffset()).toBe(0)
    expect(((await (await fetch(`${cloud.url}/_emulator/wechat`)).json()) as { down: boolean }).down).toBe(false)
    await expect(cloud.sdk().database().collection('evil_origin').count()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
  })

  test.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['no content type', ''],
  ])('%s is refused on /admin, /api and /_emulator POSTs', async (_name, type) => {
    const headers = (extra: Record<string, string> = {}) => ({ ...(type ? { 'content-type': type } : {}), ...extra })
    const admin = await raw(cloud.url, { path: '/admin', headers: headers(), body: JSON.stringify({ action: 'database.addCollection', collectionName: 'evil_type' }) })
    expect(admin.status).toBe(415)
    expect(admin.json().message).toMatch(/[\u4e00-\u9fa5]/)
    const api = await raw(cloud.url, { path: '/api/user', headers: headers({ 'x-wx-openid': 'demo-resident' }), body: meBody })
    expect(api.json()).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
    expectRefusedInChinese(await raw(cloud.url, { path: '/_emulator/clock', headers: headers(), body: JSON.stringify({ offsetMs: 5000 }) }), 415)
    expectRefusedInChinese(await raw(cloud.url, { path: '/_emulator/wechat', headers: headers(), body: JSON.stringify({ down: true }) }), 415)
    expect(await clockOffset()).toBe(0)
    await expect(cloud.sdk().database().collection('evil_type').count()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
  })

  test('a foreign Host (DNS rebinding) is refused, on every route', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.2:${port}`, `localhost.evil.example:${port}`]) {
      expectRefusedInChinese(await raw(cloud.url, { method: 'GET', path: '/healthz', headers: { host } }), 403)
      expectRefusedInChinese(await raw(cloud.url, { method: 'GET', path: '/', headers: { host } }), 403)
      expectRefusedInChinese(await raw(cloud.url, { path: '/_emulator/clock', headers: { host, 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: 5000 }) }), 403)
    }
    expect(await clockOffset()).toBe(0)
    // Loopback by any of its names, with our port, is us.
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await raw(cloud.url, { method: 'GET', path: '/healthz', headers: { host } })).status).toBe(200)
    }
  })

  test('the h5 app’s own requests (same origin) still work: the gateway, uploads and pages', async () => {
    const origin = cloud.url
    const me = await raw(cloud.url, { path: '/api/user', headers: { origin, 'content-type': 'application/json', 'x-wx-openid': 'demo-resident' }, body: meBody })
    expect(me.json()).toMatchObject({ ok: true, data: { name: '张秀英' } })
    // Opened as http://localhost:<port>: that page's origin is its own.
    const local = await raw(cloud.url, { path: '/api/user', headers: { host: `localhost:${port}`, origin: `http://localhost:${port}`, 'content-type': 'application/json; charset=utf-8', 'x-wx-openid': 'demo-resident' }, body: meBody })
    expect(local.json()).toMatchObject({ ok: true })
    const form = new FormData()
    form.append('cloudPath', 'evidence/demo-resident/same-origin.png')
    form.append('file', new Blob([new Uint8Array(tinyPng(3, 3))]), 'x.png')
    const up = await fetch(`${cloud.url}/upload`, { method: 'POST', headers: { origin, 'x-wx-openid': 'demo-resident' }, body: form })
    expect(await up.json()).toEqual({ fileID: `${FILE_ID_PREFIX}evidence/demo-resident/same-origin.png` })
    expect((await raw(cloud.url, { method: 'GET', path: '/', headers: { origin } })).status).toBe(200)
  })

  test('/admin takes a form only from the SDK (wx.openApi), which never sends an Origin', async () => {
    const form = new FormData()
    form.append('action', 'wx.openApi')
    form.append('apiName', 'subscribeMessage.send')
    const answer = await fetch(`${cloud.url}/admin`, { method: 'POST', headers: { origin: cloud.url }, body: form })
    expect(answer.status).toBe(403)
    expect(JSON.stringify(await answer.json())).toMatch(/[\u4e00-\u9fa5]/)
  })
})

// ---------------------------------------------------------------------------------------------- uploads

/** A real (decodable) 1×1 grey baseline JPEG: SOI, JFIF, one quantisation table, SOF0, two one-code Huffman tables, the scan, EOI. */
function tinyJpeg(): Buffer {
  const seg = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]
  const huffman = (tableClass: number) => seg(0xc4, [tableClass, 1, ...new Array(15).fill(0), 0])
  return Buffer.from([
    0xff, 0xd8,
    ...seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...seg(0xdb, [0, ...new Array(64).fill(1)]),
    ...seg(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    ...huffman(0x00),
    ...huffman(0x10),
    ...seg(0xda, [1, 1, 0x00, 0, 63, 0]),
    0x3f,
    0xff, 0xd9,
  ])
}

async function uploadTo(c: TestCloud, openid: string, bytes: Buffer, name = `${Date.now()}-${Math.random().toString(36).slice(2)}.jpg`) {
  const form = new FormData()
  form.append('cloudPath', `evidence/${openid}/${name}`)
  form.append('file', new Blob([new Uint8Array(bytes)]), name)
  const res = await fetch(`${c.url}/upload`, { method: 'POST', headers: { 'x-wx-openid': openid }, body: form })
  expect(res.status).toBe(200)
  return (await res.json()) as { fileID?: string; ok?: boolean; code?: string; message?: string }
}

describe('uploads are images by their bytes, within a daily quota', () => {
  test('real images are accepted: JPEG and PNG', async () => {
    expect((await uploadTo(cloud, 'demo-resident', tinyJpeg())).fileID).toBeDefined()
    expect((await uploadTo(cloud, 'demo-resident', tinyPng(5, 5), 'ok.png')).fileID).toBeDefined()
  })

  const junk = Buffer.from('this is junk after a magic number, not a picture at all '.repeat(4))
  test.each([
    ['a text file', Buffer.from('hello, this is not a photo')],
    ['FF D8 FF then junk (a fake JPEG)', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), junk])],
    ['SOI and a marker whose segment runs past the end', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x40, 0x00, 0x4a, 0x46])],
    ['a JPEG cut off before its scan', tinyJpeg().subarray(0, 40)],
    ['the PNG signature then junk', Buffer.concat([tinyPng().subarray(0, 8), junk])],
    ['a PNG whose header chunk is corrupted', Buffer.from(tinyPng()).fill(0x41, 20, 24)],
    ['RIFF…WEBP then junk', Buffer.concat([Buffer.from('RIFF'), Buffer.from([100, 0, 0, 0]), Buffer.from('WEBP'), junk])],
    ['ftyp heic then junk', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.from([0, 0, 0, 0]), Buffer.from('mif1heic'), junk])],
  ])('%s is refused at upload with UPLOAD.NOT_IMAGE, and nothing is stored', async (_name, bytes) => {
    const name = `fake-${Math.random().toString(36).slice(2)}.jpg`
    expect(await uploadTo(cloud, 'demo-resident', bytes, name)).toMatchObject({ ok: false, code: 'UPLOAD.NOT_IMAGE', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
    const { fileList } = await cloud.sdk().getTempFileURL({ fileList: [`${FILE_ID_PREFIX}evidence/demo-resident/${name}`] })
    expect(fileList[0].code).toBe('STORAGE_FILE_NONEXIST')
  })

  test('each person has a daily quota of files and of bytes (UPLOAD.QUOTA); others are not affected', async () => {
    const small = await startCloud({ env: { LOCAL_UPLOAD_QUOTA_FILES: '3', LOCAL_UPLOAD_QUOTA_MB: '0.005' } })
    try {
      // Bytes: about 5 KB a day. Two small photos, then one of 9 KB that would go past it.
      expect((await uploadTo(small, 'demo-resident', tinyPng(2, 2))).fileID).toBeDefined()
      expect((await uploadTo(small, 'demo-resident', tinyPng(3, 3))).fileID).toBeDefined()
      const big = Buffer.concat([tinyPng(4, 4), Buffer.alloc(9 * 1024, 1)])
      expect(await uploadTo(small, 'demo-resident', big)).toMatchObject({ ok: false, code: 'UPLOAD.QUOTA', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
      // Files: the third is the last one today.
      expect((await uploadTo(small, 'demo-resident', tinyPng(5, 5))).fileID).toBeDefined()
      expect(await uploadTo(small, 'demo-resident', tinyPng(6, 6))).toMatchObject({ ok: false, code: 'UPLOAD.QUOTA' })
      expect((await uploadTo(small, 'demo-resident-2', tinyPng(6, 6))).fileID).toBeDefined()
    } finally {
      await small.stop()
    }
  })
})

// ---------------------------------------------------------------------------------------------- limits

/** Opens a raw connection, writes `head` (and maybe part of a body), and answers what came back before it closed. */
function rawSocket(c: TestCloud, head: string, body?: Buffer): { socket: net.Socket; answer: Promise<{ text: string; closedAfterMs: number }> } {
  const url = new URL(c.url)
  const socket = net.connect(Number(url.port), url.hostname)
  const started = Date.now()
  const answer = new Promise<{ text: string; closedAfterMs: number }>((resolve) => {
    let text = ''
    socket.on('data', (d) => (text += d.toString('utf8')))
    socket.on('error', () => undefined)
    socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - started }))
  })
  socket.write(head)
  if (body) socket.write(body)
  return { socket, answer }
}

/** Waits until the answer's head and JSON body have arrived on a socket that stays open. */
async function firstAnswer(socket: net.Socket, withinMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    const timer = setTimeout(() => reject(new Error(`no answer within ${withinMs} ms: ${text}`)), withinMs)
    socket.on('data', (d) => {
      text += d.toString('utf8')
      const [head, rest = ''] = text.split('\r\n\r\n')
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? NaN)
      if (text.includes('\r\n\r\n') && Buffer.byteLength(rest) >= length) {
        clearTimeout(timer)
        resolve(text)
      }
    })
  })
}

const MB = 1024 * 1024

describe('bodies are capped before they are read', () => {
  test.each([
    ['/admin', 17 * MB, 'application/json', /"code":"INVALID_PARAM".*MB/],
    ['/api/user', 7 * MB, 'application/json', /"code":"INPUT.INVALID"/],
    ['/upload', 11 * MB, 'multipart/form-data; boundary=x', /"code":"UPLOAD.TOO_LARGE"/],
  ])('%s answers a Content-Length over its cap at once, without waiting for the body', async (path, size, type, expected) => {
    const { socket } = rawSocket(cloud, `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: ${type}\r\nx-wx-openid: demo-resident\r\nContent-Length: ${size}\r\n\r\n`, Buffer.from('{"ac'))
    try {
      const text = await firstAnswer(socket)
      expect(text).toMatch(/^HTTP\/1\.1 200/)
      expect(text).toMatch(expected)
      expect(text).toMatch(/[\u4e00-\u9fa5]/)
    } finally {
      socket.destroy()
    }
  })

  test('twenty 15 MB bodies at once are not all held: past the budget the answer is “busy”, at once', async () => {
    const sockets = Array.from({ length: 20 }, () =>
      rawSocket(cloud, `POST /admin HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${15 * MB}\r\n\r\n`, Buffer.alloc(MB, 0x20)),
    )
    try {
      const answers = await Promise.all(sockets.map(({ socket }) => firstAnswer(socket, 3000).catch(() => null)))
      const busy = answers.filter((a) => a && /"code":"EXCEED_RATELIMIT"/.test(a))
      // The default budget (64 MB) holds four of them; the others are told to come back later.
      expect(busy.length).toBeGreaterThanOrEqual(15)
      expect(busy[0]).toMatch(/[\u4e00-\u9fa5]/)
    } finally {
      for (const { socket } of sockets) socket.destroy()
    }
    // Released: a normal request goes through.
    expect((await cloud.sdk().database().collection('orgNodes').count()).total).toBeGreaterThan(0)
  })
})

describe('slow, never-finishing and too many connections', () => {
  let tight: TestCloud
  beforeAll(async () => {
    tight = await startCloud({ env: { LOCAL_CLOUD_REQUEST_TIMEOUT_MS: '1500', LOCAL_CLOUD_BODY_BUDGET_MB: '1' } })
  })
  afterAll(() => tight?.stop())

  test('a request whose headers never finish is closed within the timeout', async () => {
    const tport = new URL(tight.url).port
    const { answer } = rawSocket(tight, `POST /admin HTTP/1.1\r\nHost: 127.0.0.1:${tport}\r\nContent-Type: appl`)
    const { closedAfterMs } = await answer
    expect(closedAfterMs).toBeLessThan(6000)
  })

  test('a request whose body never finishes is closed within the timeout', async () => {
    const tport = new URL(tight.url).port
    const { answer } = rawSocket(tight, `POST /api/user HTTP/1.1\r\nHost: 127.0.0.1:${tport}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`, Buffer.from('{"action":'))
    const { closedAfterMs } = await answer
    expect(closedAfterMs).toBeLessThan(6000)
    expect((await fetch(`${tight.url}/healthz`)).status).toBe(200)
  })

  test('the buffered-body budget answers “busy” while it is full, and frees up', async () => {
    const tport = new URL(tight.url).port
    const held = rawSocket(tight, `POST /admin HTTP/1.1\r\nHost: 127.0.0.1:${tport}\r\nContent-Type: application/json\r\nContent-Length: ${900 * 1024}\r\n\r\n`, Buffer.from('{"action":'))
    try {
      await new Promise((r) => setTimeout(r, 200))
      const body = JSON.stringify({ action: 'database.addCollection', collectionName: 'x'.repeat(10), pad: 'y'.repeat(200 * 1024) })
      const busy = await raw(tight.url, { path: '/admin', headers: { 'content-type': 'application/json' }, body })
      expect(busy.json()).toMatchObject({ code: 'EXCEED_RATELIMIT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
      const api = await raw(tight.url, { path: '/api/user', headers: { 'content-type': 'application/json', 'x-wx-openid': 'demo-resident' }, body: JSON.stringify({ action: 'me', pad: 'y'.repeat(200 * 1024) }) })
      expect(api.json()).toMatchObject({ ok: false, code: 'SYSTEM.BUSY' })
    } finally {
      held.socket.destroy()
    }
    await new Promise((r) => setTimeout(r, 100))
    const me = await raw(tight.url, { path: '/api/user', headers: { 'content-type': 'application/json', 'x-wx-openid': 'demo-resident' }, body: JSON.stringify({ action: 'me', pad: 'y'.repeat(200 * 1024) }) })
    expect(me.json()).toMatchObject({ ok: true })
  })

  test('connections past the cap are refused; the server serves again once they close', async () => {
    const open: net.Socket[] = []
    let refused = 0
    try {
      for (let i = 0; i < 60; i++) {
        const socket = net.connect(port, '127.0.0.1')
        socket.on('error', () => undefined)
        const served = await new Promise<boolean>((resolve) => {
          socket.once('data', () => resolve(true))
          socket.once('close', () => resolve(false))
          socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)
        })
        if (served) open.push(socket)
        else refused++
      }
      expect(open.length).toBeLessThanOrEqual(40)
      expect(refused).toBeGreaterThanOrEqual(20)
    } finally {
      for (const s of open) s.destroy()
    }
    await new Promise((r) => setTimeout(r, 200))
    expect((await fetch(`${cloud.url}/healthz`)).status).toBe(200)
    expect(cloud.output()).toMatch(/连接数.*上限/)
  })
})
