/**
 * Cloud storage through the real SDK (upload, temp URLs, download, delete, copy) and the evidence
 * upload endpoint `POST /upload` the h5 app uses.
 */
import { startCloud, type TestCloud } from '../support/cloud'
import { rejection, sleep, statsDelta, tinyPng } from '../support/emulator'

let cloud: TestCloud

beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud?.stop())

const app = () => cloud.sdk()
const FILE_ID_PREFIX = 'cloud://local.local-local-bucket/'

async function tempUrl(fileID: string, maxAge = 600): Promise<string> {
  const { fileList } = await app().getTempFileURL({ fileList: [{ fileID, maxAge }] })
  expect(fileList).toHaveLength(1)
  expect(fileList[0]).toMatchObject({ fileID, code: 'SUCCESS' })
  return fileList[0].tempFileURL
}

async function fetchBytes(url: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(url)
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) }
}

describe('SDK storage round trips', () => {
  test('uploadFile → getTempFileURL → fetch answers the same bytes with an image content type', async () => {
    const png = tinyPng(3, 2)
    let fileID = ''
    const delta = await statsDelta(cloud, async () => {
      ;({ fileID } = await app().uploadFile({ cloudPath: 'photos/a.png', fileContent: png }))
    })
    expect(fileID).toBe(`${FILE_ID_PREFIX}photos/a.png`)
    expect(delta).toEqual({ 'storage.getUploadMetadata': 1 })

    const url = await tempUrl(fileID)
    const got = await fetchBytes(url)
    expect(got.status).toBe(200)
    expect(got.type).toBe('image/png')
    expect(Buffer.compare(got.bytes, png)).toBe(0)
  })

  test('downloadFile answers the same bytes', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256))
    const { fileID } = await app().uploadFile({ cloudPath: 'bin/blob.dat', fileContent: bytes })
    const delta = await statsDelta(cloud, async () => {
      const { fileContent } = await app().downloadFile({ fileID })
      expect(Buffer.compare(fileContent as Buffer, bytes)).toBe(0)
    })
    expect(delta).toEqual({ 'storage.batchGetDownloadUrl': 1 })
  })

  test('a cloud path with Chinese characters and spaces round-trips (downloadFile encodes the URL)', async () => {
    const bytes = Buffer.from('证明材料')
    const { fileID } = await app().uploadFile({ cloudPath: '证明/照片 一.txt', fileContent: bytes })
    expect(fileID).toBe(`${FILE_ID_PREFIX}证明/照片 一.txt`)
    const { fileContent } = await app().downloadFile({ fileID })
    expect((fileContent as Buffer).toString('utf8')).toBe('证明材料')
  })

  test('uploading to the same path again replaces the bytes', async () => {
    await app().uploadFile({ cloudPath: 'replace/me.txt', fileContent: Buffer.from('first') })
    const { fileID } = await app().uploadFile({ cloudPath: 'replace/me.txt', fileContent: Buffer.from('second') })
    expect((await fetchBytes(await tempUrl(fileID))).bytes.toString()).toBe('second')
  })

  test('deleteFile removes the file: its temp URL then answers 404 and no new URL is issued', async () => {
    const { fileID } = await app().uploadFile({ cloudPath: 'gone/soon.png', fileContent: tinyPng() })
    const url = await tempUrl(fileID)
    expect((await fetchBytes(url)).status).toBe(200)

    let res: { fileList: { fileID: string; code: string }[] } | undefined
    const delta = await statsDelta(cloud, async () => {
      res = await app().deleteFile({ fileList: [fileID, `${FILE_ID_PREFIX}never/was.png`] })
    })
    expect(delta).toEqual({ 'storage.batchDeleteFile': 1 })
    expect(res!.fileList).toEqual([
      { fileID, code: 'SUCCESS' },
      { fileID: `${FILE_ID_PREFIX}never/was.png`, code: 'STORAGE_FILE_NONEXIST' },
    ])
    expect((await fetchBytes(url)).status).toBe(404)
    const again = await app().getTempFileURL({ fileList: [fileID] })
    expect(again.fileList[0]).toMatchObject({ code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' })
    await expect(app().downloadFile({ fileID })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' })
  })

  test('getTempFileURL of a fileID of another environment is answered STORAGE_FILE_NONEXIST', async () => {
    const res = await app().getTempFileURL({ fileList: ['cloud://other-env.bucket/photos/a.png'] })
    expect(res.fileList[0]).toMatchObject({ fileID: 'cloud://other-env.bucket/photos/a.png', code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' })
  })

  test('copyFile copies (or moves) a file to another path', async () => {
    const bytes = Buffer.from('copy me')
    const { fileID: src } = await app().uploadFile({ cloudPath: 'copy/src/c.txt', fileContent: bytes })
    let results: { fileId?: string; code?: string }[] = []
    const delta = await statsDelta(cloud, async () => {
      const res = await app().copyFile({ fileList: [{ srcPath: 'copy/src/c.txt', dstPath: 'copy/dst/c.txt' }] })
      results = res.fileList
    })
    expect(delta).toEqual({ 'storage.batchCopyFile': 1 })
    // The SDK's types name the id `fileId` in a copy answer (unlike the other storage answers).
    expect(results).toEqual([{ fileId: `${FILE_ID_PREFIX}copy/dst/c.txt`, code: 'SUCCESS' }])
    expect((await fetchBytes(await tempUrl(`${FILE_ID_PREFIX}copy/dst/c.txt`))).bytes.toString()).toBe('copy me')
    expect((await fetchBytes(await tempUrl(src))).bytes.toString()).toBe('copy me')

    // overwrite: false refuses an existing destination and leaves it as it was.
    await app().uploadFile({ cloudPath: 'copy/other/c.txt', fileContent: Buffer.from('other') })
    const refused = await app().copyFile({ fileList: [{ srcPath: 'copy/src/c.txt', dstPath: 'copy/other/c.txt', overwrite: false }] })
    expect(refused.fileList[0].code).toBe('STORAGE_FILE_EXIST')
    expect((await fetchBytes(await tempUrl(`${FILE_ID_PREFIX}copy/other/c.txt`))).bytes.toString()).toBe('other')

    // removeOriginal: true moves it.
    const moved = await app().copyFile({ fileList: [{ srcPath: 'copy/src/c.txt', dstPath: 'copy/moved/c.txt', removeOriginal: true }] })
    expect(moved.fileList[0].code).toBe('SUCCESS')
    expect((await app().getTempFileURL({ fileList: [src] })).fileList[0].code).toBe('STORAGE_FILE_NONEXIST')
    expect((await fetchBytes(await tempUrl(`${FILE_ID_PREFIX}copy/moved/c.txt`))).bytes.toString()).toBe('copy me')
  })
})

describe('temp URL tokens', () => {
  test('a temp URL expires after its maxAge: 403', async () => {
    const { fileID } = await app().uploadFile({ cloudPath: 'expiring/e.png', fileContent: tinyPng() })
    const url = await tempUrl(fileID, 1)
    expect((await fetchBytes(url)).status).toBe(200)
    await sleep(1500)
    expect((await fetchBytes(url)).status).toBe(403)
    // A new URL for the same file still works.
    expect((await fetchBytes(await tempUrl(fileID))).status).toBe(200)
  })

  test('a tampered token is refused with 403', async () => {
    const { fileID } = await app().uploadFile({ cloudPath: 'secret/s.png', fileContent: tinyPng() })
    const url = await tempUrl(fileID)
    const [base, token] = url.split('/_storage/files/')
    const [payload, mac] = token.split('.')
    // A payload naming another file, with the original signature.
    const forged = Buffer.from(JSON.stringify({ p: 'photos/a.png', e: Date.now() + 3_600_000 })).toString('base64url')
    expect((await fetchBytes(`${base}/_storage/files/${forged}.${mac}`)).status).toBe(403)
    // The signature altered by one character.
    const flipped = mac.slice(0, -2) + (mac.at(-2) === 'A' ? 'B' : 'A') + mac.slice(-1)
    expect((await fetchBytes(`${base}/_storage/files/${payload}.${flipped}`)).status).toBe(403)
    expect((await fetchBytes(`${base}/_storage/files/not-a-token`)).status).toBe(403)
    // The genuine URL still works.
    expect((await fetchBytes(url)).status).toBe(200)
  })

  test('an upload URL with a tampered token is refused: the SDK reports an error and nothing is stored', async () => {
    const bytes = Buffer.from('sneaky')
    const meta = await app().getUploadMetadata({ cloudPath: 'upload/ok.txt' })
    const url = (meta.data as { url: string }).url
    const res = await fetch(url.replace('/_storage/upload/', '/_storage/upload/x'), { method: 'PUT', body: bytes })
    expect(await res.text()).toContain('<Code>AccessDenied</Code>')
    expect((await app().getTempFileURL({ fileList: [`${FILE_ID_PREFIX}upload/ok.txt`] })).fileList[0].code).toBe('STORAGE_FILE_NONEXIST')
  })
})

describe('POST /upload (evidence photos from the h5 app)', () => {
  async function upload(cloudPath: string | null, bytes: Buffer, openid: string | null) {
    const form = new FormData()
    if (cloudPath !== null) form.append('cloudPath', cloudPath)
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'x.png')
    const res = await fetch(`${cloud.url}/upload`, {
      method: 'POST',
      headers: openid ? { 'x-wx-openid': openid } : {},
      body: form,
    })
    expect(res.status).toBe(200)
    return (await res.json()) as Record<string, unknown>
  }

  test('a caller uploads into evidence/<own openid>/ and gets the fileID; the bytes read back', async () => {
    const png = tinyPng(4, 4)
    const answer = await upload('evidence/demo-resident/x.png', png, 'demo-resident')
    expect(answer).toEqual({ fileID: `${FILE_ID_PREFIX}evidence/demo-resident/x.png` })
    const got = await fetchBytes(await tempUrl(answer.fileID as string))
    expect(got.type).toBe('image/png')
    expect(Buffer.compare(got.bytes, png)).toBe(0)
  })

  test('a client writes only new files: a second upload to the same path is refused with UPLOAD.EXISTS and the first bytes stay', async () => {
    const first = tinyPng(4, 4)
    expect(await upload('evidence/demo-resident/once.png', first, 'demo-resident')).toEqual({ fileID: `${FILE_ID_PREFIX}evidence/demo-resident/once.png` })
    const again = await upload('evidence/demo-resident/once.png', tinyPng(8, 8), 'demo-resident')
    expect(again).toMatchObject({ ok: false, code: 'UPLOAD.EXISTS' })
    expect(again.message).toMatch(/[\u4e00-\u9fa5]/)
    // Two at once: exactly one lands.
    const both = await Promise.all([1, 2].map((n) => upload('evidence/demo-resident/race.png', tinyPng(n + 2, n + 2), 'demo-resident')))
    expect(both.filter((a) => a.fileID).length).toBe(1)
    expect(both.filter((a) => a.code === 'UPLOAD.EXISTS').length).toBe(1)
    const got = await fetchBytes(await tempUrl(`${FILE_ID_PREFIX}evidence/demo-resident/once.png`))
    expect(Buffer.compare(got.bytes, first)).toBe(0)
  })

  test('without the x-wx-openid header the upload is refused with AUTH.UNAUTHENTICATED', async () => {
    // 2 MB, so the client is still sending when the refusal is decided: the answer must still reach it.
    const answer = await upload('evidence/demo-resident/anon.png', Buffer.concat([tinyPng(), Buffer.alloc(2 * 1024 * 1024)]), null)
    expect(answer).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
    expect(await upload('evidence/demo-resident/anon.png', tinyPng(), null)).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
    expect((await app().getTempFileURL({ fileList: [`${FILE_ID_PREFIX}evidence/demo-resident/anon.png`] })).fileList[0].code).toBe(
      'STORAGE_FILE_NONEXIST',
    )
  })

  test.each([
    ['another caller’s folder', 'evidence/demo-head/x.png'],
    ['a folder outside evidence/', 'photos/x.png'],
    ['a prefix that only looks like the caller’s', 'evidence/demo-resident-2/x.png'],
  ])('a path in %s is refused with UPLOAD.FORBIDDEN_PATH', async (_what, cloudPath) => {
    const answer = await upload(cloudPath, tinyPng(), 'demo-resident')
    expect(answer).toMatchObject({ ok: false, code: 'UPLOAD.FORBIDDEN_PATH' })
    expect((await app().getTempFileURL({ fileList: [`${FILE_ID_PREFIX}${cloudPath}`] })).fileList[0].code).toBe('STORAGE_FILE_NONEXIST')
  })

  test('a path climbing out with .. is refused', async () => {
    const answer = await upload('evidence/demo-resident/../demo-head/x.png', tinyPng(), 'demo-resident')
    expect(answer).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  })

  test('a body that is not a multipart form is refused with INPUT.INVALID', async () => {
    const res = await fetch(`${cloud.url}/upload`, {
      method: 'POST',
      headers: { 'x-wx-openid': 'demo-resident', 'content-type': 'application/json' },
      body: JSON.stringify({ cloudPath: 'evidence/demo-resident/x.png', file: 'x'.repeat(1024 * 1024) }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  })

  test('a missing cloudPath is refused with INPUT.INVALID', async () => {
    const answer = await upload(null, tinyPng(), 'demo-resident')
    expect(answer).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  })

  test('a file over 10 MB is refused with UPLOAD.TOO_LARGE and nothing is stored', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 7)
    const answer = await upload('evidence/demo-resident/big.png', big, 'demo-resident')
    expect(answer).toMatchObject({ ok: false, code: 'UPLOAD.TOO_LARGE' })
    expect((await app().getTempFileURL({ fileList: [`${FILE_ID_PREFIX}evidence/demo-resident/big.png`] })).fileList[0].code).toBe(
      'STORAGE_FILE_NONEXIST',
    )
    // Exactly 10 MB is accepted (a photo with trailing bytes: the upload must be an image by its bytes).
    const edge = await upload('evidence/demo-resident/edge.png', Buffer.concat([tinyPng(), Buffer.alloc(10 * 1024 * 1024 - tinyPng().length, 7)]), 'demo-resident')
    expect(edge).toEqual({ fileID: `${FILE_ID_PREFIX}evidence/demo-resident/edge.png` })
  })
})

test('a storage action with bad parameters is refused with INVALID_PARAM', async () => {
  const e = await rejection(app().getUploadMetadata({ cloudPath: '../escape.txt' }))
  expect(e.code).toBe('INVALID_PARAM')
})
