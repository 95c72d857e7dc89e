/**
 * Hardening (issue 10, findings 3, 6 and 7), end to end through the real SDK:
 * - evidence is immutable once referenced: a claim (or objection) pins each photo in a folder only the functions
 *   write, by the SHA-256 of the pinned bytes; the reviewer is served exactly those bytes, whatever later happens to
 *   the upload, and a deletion removes the pinned copies too;
 * - one evidence-acceptance path: a resubmitted photo another claim used is flagged as on submit;
 * - separation of duties: the two review steps of one claim are decided by two different people, whatever roles one
 *   person holds, and the queue does not offer anyone the second step of a claim they pre-approved.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { claimIdFor } from '../../cloudfunctions/claims/records'
import type { Claim } from '../../src/core/claim-input'
import type { Objection, PublicityItem } from '../../src/core/governance'
import { buildClaim, photoBytes, upload } from '../support/claims'
import { type ApiAnswer, startCloud, type TestCloud } from '../support/cloud'

const DAY = 86_400_000
let cloud: TestCloud
/** A rule with no cap and photos optional, so that the tests can file as many claims as they need. */
let rule = ''
let n = 0

beforeAll(async () => {
  cloud = await startCloud()
  rule = data(await cloud.api<{ rule: { id: string } }>('rules', 'save', { categoryId: 'cat-other', name: '参加楼院议事', points: 0.5, photosRequired: false, capPerMonth: 0 }, 'demo-admin')).rule.id
})
afterAll(() => cloud?.stop())

function data<T>(answer: ApiAnswer<T>): T {
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`)
  return answer.data
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const pathOf = (fileID: string) => fileID.replace(/^cloud:\/\/[^/]+\//, '')
const db = () => cloud.sdk().database()
const monthOf = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(ms))

type Detail = { claim: Claim; photoUrls: string[]; history: { step: string; decision: string; byName: string }[] }
const submit = (openid: string, over: Record<string, unknown> = {}) => cloud.api<{ claim: Claim }>('claims', 'submit', buildClaim({ ruleId: rule, ...over }), openid)
const review = (openid: string, claimId: string, decision: 'pass' | 'reject' | 'return', reason?: string) =>
  cloud.api<{ claim: Claim }>('claims', 'review', { claimId, decision, ...(reason ? { reason } : {}) }, openid)
const resubmit = (openid: string, claimId: string, photos: string[]) => cloud.api<{ claim: Claim }>('claims', 'resubmit', { claimId, photos, requestId: `hard-re-${++n}-${Date.now()}` }, openid)
const queueOf = async (openid: string) => data(await cloud.api<{ items: Claim[] }>('claims', 'queue', {}, openid)).items.map((c) => c.id)
const stored = async (claimId: string) => (await db().collection('claims').doc(claimId).get()).data[0] as { photos: string[]; pinned?: string[]; photoHashes: string[] }

/** What an admin (or anyone with the storage's keys) can do to the uploaded file: replace its bytes in place. */
async function overwrite(fileID: string, bytes: Buffer): Promise<void> {
  await cloud.sdk().uploadFile({ cloudPath: pathOf(fileID), fileContent: bytes })
  const { fileList } = await cloud.sdk().getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] })
  expect(sha(new Uint8Array(await (await fetch(fileList[0].tempFileURL)).arrayBuffer()))).toBe(sha(bytes))
}

/**
 * A file that is not a photo in someone's evidence folder. The local /upload refuses it by its bytes, but the storage
 * itself does not (in CloudBase a client writes its folder directly), so the claim's own check must: put as the SDK can.
 */
async function plantNotAPhoto(openid: string, text: string): Promise<string> {
  return (await cloud.sdk().uploadFile({ cloudPath: `evidence/${openid}/not-a-photo-${++n}-${Date.now()}.png`, fileContent: Buffer.from(text) })).fileID
}

/** The SHA-256 of what a link serves. */
const servedHash = async (url: string) => {
  const res = await fetch(url)
  expect(res.status).toBe(200)
  return sha(new Uint8Array(await res.arrayBuffer()))
}

/** The photo links `openid` is given for a claim, once the platform's check has let them be shown. */
async function photoLinks(claimId: string, openid: string): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const d = data(await cloud.api<Detail>('claims', 'get', { claimId }, openid))
    if (d.photoUrls.every(Boolean)) return d.photoUrls
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('照片一直没有通过安全检查')
}

describe('evidence is immutable once referenced (finding 3)', () => {
  test('the reviewer is served the bytes that were submitted, even after the upload is overwritten', async () => {
    const original = photoBytes(7001)
    const photo = await upload(cloud, 'demo-resident', original)
    const claim = data(await submit('demo-resident', { photos: [photo] })).claim
    expect(claim.photos).toEqual([photo])

    await overwrite(photo, photoBytes(7002))

    const [url] = await photoLinks(claim.id, 'demo-head')
    expect(await servedHash(url)).toBe(sha(original))
    // The claim pins the photo outside every evidence folder, by the hash of the pinned bytes.
    const record = await stored(claim.id)
    expect(record.photoHashes).toEqual([sha(original)])
    expect(record.pinned).toHaveLength(1)
    expect(pathOf(record.pinned![0])).toMatch(/^pinned\//)
    // No client may write there (the local /upload as the deployment's storage rule: only the own evidence folder).
    const form = new FormData()
    form.append('cloudPath', pathOf(record.pinned![0]))
    form.append('file', new Blob([new Uint8Array(photoBytes(7003))]), 'photo.png')
    const answer = await (await fetch(`${cloud.url}/upload`, { method: 'POST', headers: { 'x-wx-openid': 'demo-resident' }, body: form })).json()
    expect(answer).toMatchObject({ ok: false, code: 'UPLOAD.FORBIDDEN_PATH' })
    // The claimant sees the same pinned bytes.
    expect(await servedHash((await photoLinks(claim.id, 'demo-resident'))[0])).toBe(sha(original))
  })

  test('the duplicate check sees the pinned bytes: a later claim with the overwritten bytes is not matched, one with the original is', async () => {
    const original = photoBytes(7101)
    const photo = await upload(cloud, 'demo-resident', original)
    const first = data(await submit('demo-resident', { photos: [photo] })).claim
    await overwrite(photo, photoBytes(7102))
    const same = data(await submit('demo-resident-2', { photos: [await upload(cloud, 'demo-resident-2', original)] })).claim
    expect(same.duplicates).toEqual([expect.objectContaining({ photo: same.photos[0] })])
    const swapped = data(await submit('demo-resident-2', { photos: [await upload(cloud, 'demo-resident-2', photoBytes(7102))] })).claim
    expect(swapped.duplicates).toEqual([])
    expect((await stored(first.id)).photoHashes).toEqual([sha(original)])
  })

  test('a resubmit keeps the pinned copy of a photo it keeps, and pins the new ones', async () => {
    const kept = photoBytes(7201)
    const keptPhoto = await upload(cloud, 'demo-resident', kept)
    const claim = data(await submit('demo-resident', { photos: [keptPhoto] })).claim
    data(await review('demo-head', claim.id, 'return', '请补充一张现场照片'))
    await overwrite(keptPhoto, photoBytes(7202))
    const added = photoBytes(7203)
    const addedPhoto = await upload(cloud, 'demo-resident', added)
    const again = data(await resubmit('demo-resident', claim.id, [keptPhoto, addedPhoto])).claim
    expect(again.photos).toEqual([keptPhoto, addedPhoto])
    await overwrite(addedPhoto, photoBytes(7204))
    const urls = await photoLinks(claim.id, 'demo-head')
    expect(await Promise.all(urls.map(servedHash))).toEqual([sha(kept), sha(added)])
    expect((await stored(claim.id)).photoHashes).toEqual([sha(kept), sha(added)])
  })

  test('a refused write leaves no pinned copy behind (a bad photo beside a good one, a risky text)', async () => {
    /** The files under a claim's pinned folder, as the local cloud keeps them on disk. */
    const pinnedFiles = (claimId: string) => {
      const dir = path.join(cloud.dataDir, 'files', 'pinned', 'claims', claimId)
      return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((d) => d.isFile()).map((d) => d.name) : []
    }
    const good = await upload(cloud, 'demo-resident', photoBytes(7601))
    const bad = await plantNotAPhoto('demo-resident', '这也不是照片')
    const refused = buildClaim({ ruleId: rule, photos: [good, bad] })
    expect(await cloud.api('claims', 'submit', refused, 'demo-resident')).toMatchObject({ ok: false, code: 'CLAIM.EVIDENCE_INVALID', message: expect.stringContaining('第 2 张') })
    expect(pinnedFiles(claimIdFor('demo-resident', refused.requestId as string))).toEqual([])

    const risky = buildClaim({ ruleId: rule, photos: [good], description: '清扫院落【违规测试】' })
    expect(await cloud.api('claims', 'submit', risky, 'demo-resident')).toMatchObject({ ok: false, code: 'CONTENT.RISKY' })
    expect(pinnedFiles(claimIdFor('demo-resident', risky.requestId as string))).toEqual([])

    // The same photo in a write that goes through is pinned (the check above can see a copy).
    const kept = buildClaim({ ruleId: rule, photos: [good] })
    data(await cloud.api('claims', 'submit', kept, 'demo-resident'))
    expect(pinnedFiles(claimIdFor('demo-resident', kept.requestId as string))).toHaveLength(1)
  })
})

describe('one evidence check for submit and resubmit (finding 6)', () => {
  test('a resubmitted photo that another claim used is flagged as on submit; a photo the claim keeps is not flagged against itself', async () => {
    const used = photoBytes(7301)
    const other = data(await submit('demo-resident-2', { photos: [await upload(cloud, 'demo-resident-2', used)] })).claim
    expect(other.duplicates).toEqual([])

    const own = await upload(cloud, 'demo-resident', photoBytes(7302))
    const claim = data(await submit('demo-resident', { photos: [own] })).claim
    data(await review('demo-head', claim.id, 'return', '照片不清楚，请重新拍一张'))
    const reused = await upload(cloud, 'demo-resident', used)
    const again = data(await resubmit('demo-resident', claim.id, [own, reused])).claim
    expect(again.duplicates).toEqual([expect.objectContaining({ photo: reused })])
    // The same as submitting it afresh would have said.
    const fresh = data(await submit('demo-resident', { photos: [await upload(cloud, 'demo-resident', used)] })).claim
    expect(fresh.duplicates).toHaveLength(1)
    // Which claim used it first is for the reviewer in scope to see (the claimant is told only that it was used).
    type Seen = { claim: { duplicates: { claimId?: string }[] } }
    const asHead = async (id: string) => data(await cloud.api<Seen>('claims', 'get', { claimId: id }, 'demo-head')).claim.duplicates
    const [freshSeen, againSeen] = await Promise.all([asHead(fresh.id), asHead(claim.id)])
    expect(freshSeen[0].claimId).toBe(other.id)
    expect(againSeen.map((d) => d.claimId)).toEqual([other.id])
  })

  test('a photo first used in another community is no duplicate here (first uses are kept per community)', async () => {
    const bytes = photoBytes(7351)
    // As another community's claim left it: under its community's key (and under the bare hash, as first uses were once kept).
    for (const key of [`other-community:${sha(bytes)}`, sha(bytes)]) {
      await db().collection('photoHashes').doc(key).set({ claimId: 'other-claim', residentName: '外社区居民', at: new Date().toISOString() })
    }
    const claim = data(await submit('demo-resident', { photos: [await upload(cloud, 'demo-resident', bytes)] })).claim
    expect(claim.duplicates).toEqual([])
    // Used again in this community, it is.
    const again = data(await submit('demo-resident-2', { photos: [await upload(cloud, 'demo-resident-2', bytes)] })).claim
    expect(again.duplicates).toHaveLength(1)
  })

  test('a resubmit checks the photos as submit does: the folder, and the bytes', async () => {
    const claim = data(await submit('demo-resident', { photos: [await upload(cloud, 'demo-resident', photoBytes(7401))] })).claim
    data(await review('demo-head', claim.id, 'return', '请补充一张现场照片'))
    const theirs = await upload(cloud, 'demo-resident-2', photoBytes(7402))
    expect(await resubmit('demo-resident', claim.id, [theirs])).toMatchObject({ ok: false, code: 'CLAIM.EVIDENCE_INVALID' })
    const text = await plantNotAPhoto('demo-resident', '这不是照片')
    expect(await resubmit('demo-resident', claim.id, [text])).toMatchObject({ ok: false, code: 'CLAIM.EVIDENCE_INVALID', message: expect.stringContaining('不是照片') })
    expect((await stored(claim.id)).photos).toHaveLength(1)
  })
})

describe('separation of duties (finding 7)', () => {
  // 王建国 is the head of 1号院; here he is also made a grid worker of the grid it lies in.
  beforeAll(async () => {
    data(await cloud.api('org', 'assignRole', { openid: 'demo-head', role: 'grid', nodeId: 'demo-grid-1' }, 'demo-admin'))
  })
  afterAll(async () => {
    data(await cloud.api('org', 'revokeRole', { openid: 'demo-head', role: 'grid', nodeId: 'demo-grid-1' }, 'demo-admin'))
  })

  test('whoever passed 初审 may not decide 审核 of the same claim; another grid worker does', async () => {
    const claim = data(await submit('demo-resident')).claim
    expect(await queueOf('demo-head')).toContain(claim.id)
    expect(data(await review('demo-head', claim.id, 'pass')).claim).toMatchObject({ status: 'pre_approved', step: 'grid' })

    expect(await queueOf('demo-head')).not.toContain(claim.id)
    for (const [decision, reason] of [['pass'], ['reject', '不属于积分细则范围'], ['return', '请补充一张现场照片']] as const) {
      expect(await review('demo-head', claim.id, decision, reason)).toMatchObject({ ok: false, code: 'CLAIM.SAME_REVIEWER', message: expect.stringContaining('初审') })
    }
    expect((await stored(claim.id)) as unknown).toMatchObject({ status: 'pre_approved' })

    expect(await queueOf('demo-grid')).toContain(claim.id)
    expect(data(await review('demo-grid', claim.id, 'pass')).claim).toMatchObject({ status: 'approved' })
  })

  test('after a return and a resubmit, the new round’s 初审 decides who may not do 审核', async () => {
    const claim = data(await submit('demo-resident')).claim
    data(await review('demo-head', claim.id, 'pass'))
    data(await review('demo-grid', claim.id, 'return', '请写明时间和地点'))
    data(await resubmit('demo-resident', claim.id, []))
    data(await review('demo-head', claim.id, 'pass'))
    expect(await review('demo-head', claim.id, 'pass')).toMatchObject({ ok: false, code: 'CLAIM.SAME_REVIEWER' })
    expect(await queueOf('demo-head')).not.toContain(claim.id)
  })

  test('the grid worker who is also a head still decides 审核 of claims someone else pre-approved', async () => {
    // 赵桂兰 is the head of 2号院: her own claim skips 初审 and waits for the grid.
    const claim = data(await submit('demo-head-2')).claim
    expect(claim).toMatchObject({ status: 'pre_approved' })
    expect(await queueOf('demo-head')).toContain(claim.id)
    expect(data(await review('demo-head', claim.id, 'pass')).claim).toMatchObject({ status: 'approved' })
  })

  test('a head’s own claim, which skips 初审 on his word, is not approved by him as grid worker', async () => {
    const claim = data(await submit('demo-head')).claim
    expect(claim).toMatchObject({ status: 'pre_approved', step: 'grid' })
    expect(await queueOf('demo-head')).not.toContain(claim.id)
    expect(await review('demo-head', claim.id, 'pass')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    // Nor one he filed for a resident without a phone.
    const filed = data(await submit('demo-head', { onBehalfOf: 'demo-r-liu' })).claim
    expect(filed).toMatchObject({ status: 'pre_approved' })
    expect(await queueOf('demo-head')).not.toContain(filed.id)
    expect(await review('demo-head', filed.id, 'pass')).toMatchObject({ ok: false })
    expect((await stored(filed.id)) as unknown).toMatchObject({ status: 'pre_approved' })
  })
})

describe('objection photos are pinned too, and a deletion removes every pinned copy (finding 3)', () => {
  let objectionId = ''
  let objectionPhoto: Buffer = Buffer.alloc(0)
  let claimId = ''

  beforeAll(async () => {
    // 李明 earns a point this month; next month the month is closed and on the board.
    const month = monthOf(Date.now())
    const earned = data(await submit('demo-resident-2')).claim
    data(await review('demo-head', earned.id, 'pass'))
    data(await review('demo-grid', earned.id, 'pass'))
    // 张秀英 has a claim with a photo of her own.
    claimId = data(await submit('demo-resident', { photos: [await upload(cloud, 'demo-resident', photoBytes(7501))] })).claim.id
    await photoLinks(claimId, 'demo-head')
    const firstOfNext = new Date(`${monthOf(new Date(`${month}-01T00:00:00+08:00`).getTime() + 32 * DAY)}-01T09:00:00+08:00`).getTime()
    await cloud.setClock(firstOfNext - Date.now())
    data(await cloud.api('governance', 'closeMonth', { month }, 'demo-admin'))
    const board = data(await cloud.api<{ items: PublicityItem[] }>('governance', 'publicity', { month }, 'demo-resident'))
    const entry = board.items.find((i) => i.name === '李*' && i.kind === 'credit')!
    objectionPhoto = photoBytes(7502)
    const photo = await upload(cloud, 'demo-resident', objectionPhoto)
    objectionId = data(await cloud.api<{ objection: Objection }>('governance', 'object', { entryId: entry.entryId, reason: '我亲眼看见的情况不是这样', photos: [photo], requestId: `hard-ob-${++n}` }, 'demo-resident')).objection.id
    await overwrite(photo, photoBytes(7503))
  })
  afterAll(() => cloud.setClock(0))

  test('the admin investigating an objection is served the bytes that were filed', async () => {
    let url = ''
    for (let i = 0; i < 100 && !url; i++) {
      const items = data(await cloud.api<{ items: (Objection & { photoUrls: string[] })[] }>('governance', 'objections', {}, 'demo-admin')).items
      url = items.find((o) => o.id === objectionId)?.photoUrls[0] ?? ''
      if (!url) await new Promise((r) => setTimeout(r, 100))
    }
    expect(await servedHash(url)).toBe(sha(objectionPhoto))
    const record = (await db().collection('objections').doc(objectionId).get()).data[0] as { pinned?: string[] }
    expect(pathOf(record.pinned![0])).toMatch(/^pinned\//)
  })

  test('a deletion deletes the pinned copies of the person’s claims and objections, not only the uploads', async () => {
    const claimPinned = (await stored(claimId)).pinned!
    const objectionPinned = ((await db().collection('objections').doc(objectionId).get()).data[0] as { pinned: string[] }).pinned
    const files = [...claimPinned, ...objectionPinned]
    const exists = async () => (await cloud.sdk().getTempFileURL({ fileList: files.map((fileID) => ({ fileID, maxAge: 60 })) })).fileList.map((f) => f.code === 'SUCCESS')
    expect(await exists()).toEqual(files.map(() => true))

    const request = data(await cloud.api<{ request: { id: string } }>('user', 'requestDeletion', {}, 'demo-resident')).request
    data(await cloud.api('org', 'processDeletion', { deletionId: request.id }, 'demo-admin'))
    expect(await exists()).toEqual(files.map(() => false))
    expect(await stored(claimId)).toMatchObject({ photos: [], pinned: [] })
  })
})
