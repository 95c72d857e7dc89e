/**
 * Issue 12 ("Feedback where the eye is"), through the real SDK: claims.checkPhoto answers, right after an upload and
 * before any claim is sent, whether this community already has the photo on a claim — by the bytes, with the rules of
 * every write (the caller's own evidence folder, an image) — and writes nothing.
 */
import { COLLECTIONS } from '../../cloudfunctions/_shared/collections'
import { buildClaim, photoBytes, upload } from '../support/claims'
import { ok, startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud?.stop())

type Checked = { seenBefore: boolean; at?: string; claimId?: string; residentName?: string }
const check = (openid: string, fileID: string) => cloud.api<Checked>('claims', 'checkPhoto', { fileID }, openid)

/** How many documents each collection holds. */
async function counts(): Promise<Record<string, number>> {
  const db = cloud.sdk().database()
  const names = Object.keys(COLLECTIONS)
  const totals = await Promise.all(names.map(async (c) => (await db.collection(c).count()).total as number))
  return Object.fromEntries(names.map((c, i) => [c, totals[i]]))
}

describe('claims.checkPhoto', () => {
  test('a fresh photo is not seen; one used on an earlier claim is, with its date — named only to whom may see that person', async () => {
    const fresh = await upload(cloud, 'demo-resident', photoBytes(770001))
    expect(await ok(check('demo-resident', fresh))).toEqual({ seenBefore: false })

    const bytes = photoBytes(770002)
    const earlier = (await ok(cloud.api<{ claim: { id: string; createdAt: string } }>('claims', 'submit', buildClaim({ photos: [await upload(cloud, 'demo-resident', bytes)] }), 'demo-resident'))).claim
    // The same bytes, uploaded again by another resident: seen, and when; not whose.
    const again = await upload(cloud, 'demo-resident-2', bytes)
    expect(await ok(check('demo-resident-2', again))).toEqual({ seenBefore: true, at: earlier.createdAt })
    // The claimant themselves may know it was theirs.
    const mine = await upload(cloud, 'demo-resident', bytes)
    expect(await ok(check('demo-resident', mine))).toEqual({ seenBefore: true, at: earlier.createdAt, claimId: earlier.id, residentName: '张秀英' })
  })

  test("someone else's upload is refused, as every write refuses it", async () => {
    const theirs = await upload(cloud, 'demo-resident', photoBytes(770003))
    expect(await check('demo-resident-2', theirs)).toMatchObject({ ok: false, code: 'CLAIM.EVIDENCE_INVALID' })
    expect(await check('demo-resident', 'cloud://local.local-local-bucket/evidence/demo-resident/missing.png')).toMatchObject({ ok: false, code: 'CLAIM.EVIDENCE_INVALID' })
  })

  test('it writes nothing', async () => {
    const bytes = photoBytes(770004)
    await ok(cloud.api('claims', 'submit', buildClaim({ photos: [await upload(cloud, 'demo-resident', bytes)] }), 'demo-resident'))
    const fresh = await upload(cloud, 'demo-resident-2', photoBytes(770005))
    const used = await upload(cloud, 'demo-resident-2', bytes)
    const before = await counts()
    expect((await ok(check('demo-resident-2', fresh))).seenBefore).toBe(false)
    expect((await ok(check('demo-resident-2', used))).seenBefore).toBe(true)
    await check('demo-resident', used)
    expect(await counts()).toEqual(before)
  })
})
