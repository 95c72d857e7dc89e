/**
 * Content screening and WeChat's cloud calls, end to end: the functions call wx-server-sdk's `cloud.openapi`, which
 * the local cloud answers on the same wire (multipart + protobuf). Risky text is refused with CONTENT.RISKY for each
 * screened field; a risky photo takes its claim out of review (and an objection aside) when the platform's result
 * arrives; an outage or a slow platform lets the text through, marked for the reviewer; subscribe messages are
 * delivered with the configured template and keys, and skipped where none is configured.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Claim } from '../../src/core/claim-input'
import type { Objection } from '../../src/core/governance'
import type { PhotoState } from '../../src/core/screening'
import { buildClaim, photoBytes, upload } from '../support/claims'
import { type ApiAnswer, startCloud, type TestCloud } from '../support/cloud'

const RISKY = '【违规测试】'
const DAY = 86_400_000
let cloud: TestCloud
/** A rule with no cap and photos optional, so that the tests can file as many claims as they need. */
let openRule = ''

beforeAll(async () => {
  cloud = await startCloud({
    env: {
      // A template of our own choosing for one message, with its own keys; none at all for another.
      SUBSCRIBE_TEMPLATE_CLAIM_TO_REVIEW: 'tmpl-review-123',
      SUBSCRIBE_FIELDS_CLAIM_TO_REVIEW: 'item:thing4, person:name1, step:phrase3, time:time2',
      SUBSCRIBE_TEMPLATE_LISTING_PROPOSED: '',
    },
  })
  fs.writeFileSync(path.join(cloud.dataDir, 'sensitive-words.txt'), '# 本地测试用的敏感词，一行一个\n非法集资\n')
  openRule = data(await cloud.api<{ rule: { id: string } }>('rules', 'save', { categoryId: 'cat-other', name: '参加楼院议事', points: 0.5, photosRequired: false, capPerMonth: 0 }, 'demo-admin')).rule.id
})
afterAll(() => cloud?.stop())
afterEach(() => platform({ delayMs: 0, down: false, mediaResultDelayMs: 200, screening: true }))

function data<T>(answer: ApiAnswer<T>): T {
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`)
  return answer.data
}

/** How the platform stand-in behaves (local cloud: POST /_emulator/wechat). */
async function platform(control: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${cloud.url}/_emulator/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(control) })
  if (res.status !== 200) throw new Error(`/_emulator/wechat 答复 HTTP ${res.status}`)
  return res.json() as Promise<Record<string, unknown>>
}

type Delivery = { at: string; message: { touser: string; template_id: string; page: string; data: Record<string, { value: string }> } }
const deliveries = async () => ((await (await fetch(`${cloud.url}/_emulator/deliveries`)).json()) as { deliveries: Delivery[] }).deliveries

const db = () => cloud.sdk().database()
type Detail = { claim: Claim; photoUrls: string[]; photoChecks?: PhotoState[]; history: { step: string; decision: string; reason?: string; byName: string }[] }
const detail = async (claimId: string, openid: string) => data(await cloud.api<Detail>('claims', 'get', { claimId }, openid))
const submit = (openid: string, over: Record<string, unknown>) => cloud.api<{ claim: Claim }>('claims', 'submit', buildClaim({ ruleId: openRule, ...over }), openid)

/** Every page of a reviewer's queue. */
async function queue(openid: string): Promise<Claim[]> {
  const items: Claim[] = []
  let cursor: string | undefined
  do {
    const page = data(await cloud.api<{ items: Claim[]; cursor?: string }>('claims', 'queue', cursor ? { cursor } : {}, openid))
    items.push(...page.items)
    cursor = page.cursor
  } while (cursor)
  return items
}
const queueIds = async (openid: string) => (await queue(openid)).map((c) => c.id)

/** Polls until `check` holds (the platform's result comes later), for at most `ms`. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await read()
    if (check(value)) return value
    if (Date.now() > deadline) throw new Error(`${ms} 毫秒内没有等到：${JSON.stringify(value).slice(0, 300)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function count(collection: string, where: Record<string, unknown>): Promise<number> {
  return (await db().collection(collection).where(where).count()).total
}

describe('risky text is refused with CONTENT.RISKY, naming the field to change, and nothing is stored', () => {
  test('a claim: its description and its place', async () => {
    const description = `在院子里${RISKY}打扫卫生`
    const refused = await submit('demo-resident', { description })
    expect(refused).toMatchObject({ ok: false, code: 'CONTENT.RISKY', message: expect.stringContaining('“做了什么”') })
    expect(await count('claims', { description })).toBe(0)
    expect(await submit('demo-resident', { place: `${RISKY}门口` })).toMatchObject({ ok: false, code: 'CONTENT.RISKY', message: expect.stringContaining('“在哪里做的”') })
    // The same text without the marker goes through, with no mark.
    const claim = data(await submit('demo-resident', { description: '在院子里打扫卫生' })).claim
    expect(claim.screening).toBeUndefined()
  })

  test('a word of $DATA_DIR/sensitive-words.txt is risky too', async () => {
    expect(await submit('demo-resident', { description: '有人在院里搞非法集资' })).toMatchObject({ ok: false, code: 'CONTENT.RISKY' })
  })

  test('a resubmitted description', async () => {
    const claim = data(await submit('demo-resident', {})).claim
    data(await cloud.api('claims', 'review', { claimId: claim.id, decision: 'return', reason: '请写清楚做了什么' }, 'demo-head'))
    const answer = await cloud.api('claims', 'resubmit', { claimId: claim.id, photos: [], description: `补充：${RISKY}`, requestId: `re-${Date.now()}` }, 'demo-resident')
    expect(answer).toMatchObject({ ok: false, code: 'CONTENT.RISKY', message: expect.stringContaining('做了什么') })
    expect((await detail(claim.id, 'demo-resident')).claim.status).toBe('returned')
  })

  test('a nomination’s reason (governance.propose)', async () => {
    const requestId = `ls-risky-${Date.now()}`
    const answer = await cloud.api('governance', 'propose', { list: 'black', residentId: 'demo-r-resident-2', reason: `他${RISKY}堆放杂物`, points: 1, requestId }, 'demo-grid')
    expect(answer).toMatchObject({ ok: false, code: 'CONTENT.RISKY', message: expect.stringContaining('上榜理由') })
    expect(await count('listings', { reason: `他${RISKY}堆放杂物` })).toBe(0)
  })

  test('a name: joining (user.join), a resident without a phone (org.addResident), a household (org.saveNode)', async () => {
    const invite = data(await cloud.api<{ invite: { code: string } }>('org', 'issueInvite', { courtyardId: 'demo-courtyard-1' }, 'demo-head')).invite
    expect(await cloud.api('user', 'join', { inviteCode: invite.code, name: `王${RISKY}` }, 'newcomer-risky')).toMatchObject({ ok: false, code: 'CONTENT.RISKY', message: expect.stringContaining('姓名') })
    expect((await db().collection('users').doc('newcomer-risky').get()).data).toEqual([])
    expect((await db().collection('invites').doc(invite.code).get()).data[0]).toMatchObject({ uses: 0 })
    // The code still works with a proper name.
    expect(data(await cloud.api<{ name: string }>('user', 'join', { inviteCode: invite.code, name: '王小明' }, 'newcomer-risky'))).toMatchObject({ name: '王小明' })

    expect(await cloud.api('org', 'addResident', { householdId: 'demo-hh-1', name: `${RISKY}老人`, requestId: `add-${Date.now()}` }, 'demo-head')).toMatchObject({ ok: false, code: 'CONTENT.RISKY' })
    expect(await count('residents', { name: `${RISKY}老人` })).toBe(0)
    expect(await cloud.api('org', 'saveNode', { type: 'household', parentId: 'demo-courtyard-1', name: `${RISKY}家`, requestId: `node-${Date.now()}` }, 'demo-admin')).toMatchObject({ ok: false, code: 'CONTENT.RISKY', message: expect.stringContaining('名称') })
    expect(await count('orgNodes', { name: `${RISKY}家` })).toBe(0)
  })

  test('text the platform wants a person to look at goes through, marked for the reviewer', async () => {
    const claim = data(await submit('demo-resident', { description: '帮邻居搬东西【复核测试】' })).claim
    expect(claim.screening).toBe('review')
    expect((await queue('demo-head')).find((c) => c.id === claim.id)).toMatchObject({ screening: 'review' })
  })
})

describe('photos are checked asynchronously', () => {
  test('a risky photo takes its claim out of review: back to the claimant with the reason, gone from the queue, never shown', async () => {
    const before = (await deliveries()).length
    const photo = await upload(cloud, 'demo-resident', photoBytes(7001), `evidence/demo-resident/${RISKY}-${Date.now()}.png`)
    const claim = data(await submit('demo-resident', { photos: [photo] })).claim
    expect(claim.status).toBe('submitted')
    const returned = await eventually(() => detail(claim.id, 'demo-resident'), (d) => d.claim.status === 'returned')
    expect(returned.history.at(-1)).toMatchObject({ step: 'system', decision: 'return', byName: '平台安全检查', reason: '照片未通过平台安全检查，请换一张照片后重新提交' })
    expect(await queueIds('demo-head')).not.toContain(claim.id)
    // The head may still open it (their courtyard) but is never given the photo.
    const seenByHead = await detail(claim.id, 'demo-head')
    expect(seenByHead.photoUrls).toEqual([''])
    expect(seenByHead.photoChecks).toEqual(['risky'])
    // The claimant was told, with the reason.
    const told = (await deliveries()).slice(before).filter((d) => d.message.touser === 'demo-resident' && d.message.page.includes(claim.id))
    expect(told).toHaveLength(1)
    expect(told[0].message.template_id).toBe('local-claim_decided')
    expect(Object.values(told[0].message.data).map((v) => v.value)).toEqual(expect.arrayContaining(['退回补充']))
    // The month's cap no longer counts it: a returned claim does not.
    expect((await db().collection('claims').doc(claim.id).get()).data[0]).toMatchObject({ counted: false })
  })

  test('the same result pushed twice changes nothing; a bad push is refused, never a crash', async () => {
    const photo = await upload(cloud, 'demo-resident', photoBytes(7002), `evidence/demo-resident/${encodeURIComponent(RISKY)}-${Date.now()}.png`)
    const claim = data(await submit('demo-resident', { photos: [photo] })).claim
    await eventually(() => detail(claim.id, 'demo-resident'), (d) => d.claim.status === 'returned')
    const [check] = (await db().collection('contentChecks').where({ 'target.id': claim.id }).get()).data as { _id: string; status: string }[]
    expect(check.status).toBe('risky')
    const stored = (await db().collection('claims').doc(claim.id).get()).data[0]
    const sent = (await deliveries()).length
    const push = (event: unknown) =>
      fetch(`${cloud.url}/api/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) }).then((r) => r.json() as Promise<ApiAnswer<{ outcome: string }>>)
    const event = { ToUserName: 'gh_local', FromUserName: 'demo-resident', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check', appid: 'local', trace_id: check._id, version: 2, errcode: 0, errmsg: 'ok', result: { suggest: 'risky', label: 20002 } }
    expect(await push(event)).toMatchObject({ ok: true, data: { outcome: 'already' } })
    expect(await push({ ...event, result: { suggest: 'pass', label: 100 } })).toMatchObject({ ok: true, data: { outcome: 'already' } })
    expect((await db().collection('claims').doc(claim.id).get()).data[0]).toEqual(stored)
    expect((await deliveries()).length).toBe(sent)
    for (const bad of [{ MsgType: 'event', Event: 'wxa_media_check' }, { ...event, trace_id: 42 }, { ...event, result: { suggest: 'maybe' } }, { ...event, result: 'risky' }]) {
      expect(await push(bad)).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    }
  })

  test('a result that arrives before the write records its photo is applied by the write', async () => {
    // 0: the stand-in pushes the result before it even answers the call.
    await platform({ mediaResultDelayMs: 0 })
    const photo = await upload(cloud, 'demo-resident', photoBytes(7003), `evidence/demo-resident/${RISKY}-early-${Date.now()}.png`)
    const claim = data(await submit('demo-resident', { photos: [photo] })).claim
    expect((await detail(claim.id, 'demo-resident')).claim.status).toBe('returned')
    expect((await db().collection('contentChecks').where({ 'target.id': claim.id }).get()).data).toEqual([expect.objectContaining({ status: 'risky', fileID: photo })])
  })

  test('a clean photo is held back from the reviewer until its result has arrived, then shown', async () => {
    await platform({ mediaResultDelayMs: 3000 })
    const photo = await upload(cloud, 'demo-resident', photoBytes(7004))
    const claim = data(await submit('demo-resident', { photos: [photo] })).claim
    expect(await queueIds('demo-head')).toContain(claim.id)
    const early = await detail(claim.id, 'demo-head')
    expect(early.photoChecks).toEqual(['checking'])
    expect(early.photoUrls).toEqual([''])
    // The claimant sees their own photo at once.
    expect((await detail(claim.id, 'demo-resident')).photoUrls[0]).toMatch(/^http/)
    const later = await eventually(() => detail(claim.id, 'demo-head'), (d) => d.photoChecks?.[0] === 'pass')
    expect((await fetch(later.photoUrls[0])).status).toBe(200)
    expect(later.claim.status).toBe('submitted')
  })

  test('a risky photo on an objection sets it aside: the admin’s queue never shows it, the objector is told', async () => {
    // An entry of a month in publicity: last month closed, the clock on the 2nd of this one.
    const requestId = `adj-${Date.now()}`
    const entry = data(await cloud.api<{ entry: { id: string } }>('points', 'adjust', { residentId: 'demo-r-resident', delta: 1, reason: '帮助孤寡老人', requestId }, 'demo-admin')).entry
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date())
    const nextMonth = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(new Date(`${month}-01T12:00:00+08:00`).getTime() + 32 * DAY))
    await cloud.setClock(new Date(`${nextMonth}-02T09:00:00+08:00`).getTime() - Date.now())
    try {
      data(await cloud.api('governance', 'closeMonth', { month }, 'demo-admin'))
      const object = (over: Record<string, unknown>) =>
        cloud.api<{ objection: Objection }>('governance', 'object', { entryId: entry.id, reason: '那天他不在院子里', requestId: `ob-${Date.now()}-${Math.random()}`, ...over }, 'demo-resident-2')
      expect(await object({ reason: `${RISKY}那天他不在` })).toMatchObject({ ok: false, code: 'CONTENT.RISKY', message: expect.stringContaining('异议理由') })

      const photo = await upload(cloud, 'demo-resident-2', photoBytes(7005), `evidence/demo-resident-2/${RISKY}-ob-${Date.now()}.png`)
      const objection = data(await object({ photos: [photo] })).objection
      expect(objection.status).toBe('open')
      const mine = await eventually(
        async () => data(await cloud.api<{ items: Objection[] }>('governance', 'objections', { mine: true }, 'demo-resident-2')).items.find((o) => o.id === objection.id),
        (o) => o?.status === 'set_aside',
      )
      expect(mine?.note).toContain('照片未通过平台安全检查')
      const open = data(await cloud.api<{ items: Objection[] }>('governance', 'objections', { status: 'open' }, 'demo-admin')).items
      expect(open.map((o) => o.id)).not.toContain(objection.id)
      const all = data(await cloud.api<{ items: Objection[] }>('governance', 'objections', {}, 'demo-admin')).items.find((o) => o.id === objection.id)
      expect(all).toMatchObject({ status: 'set_aside', photoUrls: [''], photoChecks: ['risky'] })
      expect((await deliveries()).filter((d) => d.message.touser === 'demo-resident-2' && d.message.template_id === 'local-objection_resolved')).toHaveLength(1)
    } finally {
      await cloud.setClock(0)
    }
  })
})

describe('when the platform is unreachable or slow, nobody is blocked: the text goes through, marked', () => {
  test('unreachable: the claim is stored, its text and photo marked unchecked, the photo shown to the reviewer', async () => {
    await platform({ down: true })
    const photo = await upload(cloud, 'demo-resident', photoBytes(7006))
    const claim = data(await submit('demo-resident', { photos: [photo], description: `平台不通时${RISKY}也放行` })).claim
    expect(claim.screening).toBe('unchecked')
    expect((await queue('demo-head')).find((c) => c.id === claim.id)).toMatchObject({ screening: 'unchecked' })
    const seen = await detail(claim.id, 'demo-head')
    expect(seen.photoChecks).toEqual(['unchecked'])
    expect(seen.photoUrls[0]).toMatch(/^http/)
    // A name too.
    const invite = data(await cloud.api<{ invite: { code: string } }>('org', 'issueInvite', { courtyardId: 'demo-courtyard-1' }, 'demo-head')).invite
    const joined = data(await cloud.api<{ name: string; residentId: string }>('user', 'join', { inviteCode: invite.code, name: '赵大爷' }, 'newcomer-outage'))
    expect(joined).toMatchObject({ name: '赵大爷' })
    expect((await db().collection('residents').doc(joined.residentId).get()).data[0]).toMatchObject({ screening: { text: 'unchecked' } })
  })

  test('slow (over 2 s): the write waits 2 s for the check (and 2 s for the reviewer’s notification), not 8', async () => {
    await platform({ delayMs: 8000 })
    const started = Date.now()
    const claim = data(await submit('demo-resident', { description: '慢的时候也能提交' })).claim
    const took = Date.now() - started
    expect(claim.screening).toBe('unchecked')
    expect(took).toBeGreaterThanOrEqual(1900)
    expect(took).toBeLessThan(6500)
    // The notification that did not get through in time waits in the outbox for the next round.
    const [message] = (await db().collection('outbox').where({ kind: 'claim_to_review', page: `pages/claim-detail/index?id=${claim.id}` }).get()).data as { status: string }[]
    expect(message).toMatchObject({ status: 'pending' })
  })

  test('with the platform back, the same text is checked again', async () => {
    expect(await submit('demo-resident', { description: `恢复以后${RISKY}` })).toMatchObject({ ok: false, code: 'CONTENT.RISKY' })
  })
})

describe('subscribe messages go through cloud.openapi.subscribeMessage.send', () => {
  test('delivered with the configured template id and keys, the values fitted to each key’s type', async () => {
    const before = (await deliveries()).length
    const claim = data(await submit('demo-resident', {})).claim
    const told = (await deliveries()).slice(before).filter((d) => d.message.page.includes(claim.id))
    expect(told.map((d) => d.message.touser)).toEqual(['demo-head'])
    expect(told[0].message).toMatchObject({
      template_id: 'tmpl-review-123',
      page: `pages/claim-detail/index?id=${claim.id}`,
      data: { thing4: { value: claim.ruleName.slice(0, 20) }, name1: { value: '张秀英' }, phrase3: { value: '初审' }, time2: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) } },
    })
    expect(Object.keys(told[0].message.data).sort()).toEqual(['name1', 'phrase3', 'thing4', 'time2'])
  })

  test('a message whose template is not configured is recorded as skipped, not failed, and not sent', async () => {
    const before = (await deliveries()).length
    const listing = data(await cloud.api<{ listing: { id: string } }>('governance', 'propose', { list: 'red', residentId: 'demo-r-resident', reason: '主动照顾独居老人', requestId: `ls-${Date.now()}` }, 'demo-grid')).listing
    const [message] = (await db().collection('outbox').where({ kind: 'listing_proposed', to: 'demo-admin' }).get()).data as { status: string; error: string; attempts: number }[]
    expect(message).toMatchObject({ status: 'skipped', error: expect.stringContaining('SUBSCRIBE_TEMPLATE_LISTING_PROPOSED') })
    expect((await deliveries()).slice(before).filter((d) => d.message.touser === 'demo-admin')).toEqual([])
    // Confirmed, the resident is told that they are on the list.
    data(await cloud.api('governance', 'confirm', { listingId: listing.id, decision: 'confirm' }, 'demo-admin'))
    const told = (await deliveries()).slice(before).filter((d) => d.message.touser === 'demo-resident')
    expect(told).toEqual([expect.objectContaining({ message: expect.objectContaining({ template_id: 'local-listing', page: 'pages-governance/lists/index' }) })])
    expect(told[0].message.data).toMatchObject({ phrase1: { value: '红榜' }, thing2: { value: '主动照顾独居老人' } })
  })

  test('the calls reach the stand-in as wx.openApi (the form wx-server-sdk sends), never as wx.api', async () => {
    const stats = await cloud.stats()
    expect(stats['wx.openApi']).toBeGreaterThan(0)
    expect(stats['wx.api']).toBeUndefined()
    const state = (await (await fetch(`${cloud.url}/_emulator/wechat`)).json()) as { calls: Record<string, number> }
    expect(Object.keys(state.calls).sort()).toEqual(['security.mediaCheckAsync', 'security.msgSecCheck', 'subscribeMessage.send'])
  })
})

describe('the stand-in’s wire', () => {
  const form = (fields: Record<string, string | Blob>) => {
    const body = new FormData()
    for (const [k, v] of Object.entries(fields)) body.append(k, v)
    return fetch(`${cloud.url}/admin?env=local`, { method: 'POST', body }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code?: string; message?: string } }))
  }

  test('a broken request or an API it does not know is answered with a platform error, and it keeps serving', async () => {
    const garbage = new Blob([new Uint8Array([0xff, 0xff, 0xff, 0x07, 0x01])], { type: 'application/octet-stream' })
    expect(await form({ action: 'wx.openApi', apiName: 'security.msgSecCheck', requestData: garbage })).toMatchObject({ status: 200, body: { code: 'INVALID_PARAM' } })
    expect(await form({ action: 'wx.openApi', apiName: 'security.msgSecCheck' })).toMatchObject({ status: 200, body: { code: 'INVALID_PARAM' } })
    const empty = new Blob([new Uint8Array([])], { type: 'application/octet-stream' })
    expect(await form({ action: 'wx.openApi', apiName: 'customerServiceMessage.send', requestData: empty })).toMatchObject({ body: { code: 'INVALID_ACTION', message: expect.stringContaining('customerServiceMessage.send') } })
    expect(await form({ action: 'wx.wxPayApi', apiName: 'x', requestData: empty })).toMatchObject({ body: { code: 'INVALID_ACTION' } })
    expect((await fetch(`${cloud.url}/healthz`)).status).toBe(200)
    // The old JSON path is gone: nothing answers a subscribe message sent that way.
    const old = await cloud.sdk().callWxOpenApi({ apiName: '/cgi-bin/message/subscribe/send', requestData: { touser: 'demo-resident', template_id: 'x', data: {} } }).catch((e: { code?: string }) => e)
    expect(old).toMatchObject({ code: 'INVALID_ACTION' })
  })

  test('its controls refuse nonsense', async () => {
    const res = await fetch(`${cloud.url}/_emulator/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ delayMs: -5 }) })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(await (await fetch(`${cloud.url}/_emulator/wechat`)).json()).toMatchObject({ delayMs: 0, down: false, screening: true })
  })
})

describe('the bundled function (no node_modules beside it) reaches WeChat through the bundled wx-server-sdk', () => {
  test('user/index.js refuses a risky name and lets a proper one join', async () => {
    const bundle = path.resolve(__dirname, '../../cloudfunctions/user/index.js')
    if (!fs.existsSync(bundle)) throw new Error('cloudfunctions/user/index.js 不存在：先运行 npm run build:functions（npm test 会自动构建）')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fn-'))
    fs.copyFileSync(bundle, path.join(dir, 'index.js'))
    const invite = data(await cloud.api<{ invite: { code: string } }>('org', 'issueInvite', { courtyardId: 'demo-courtyard-1', maxUses: 2 }, 'demo-head')).invite
    const run = (name: string) => {
      const script = `
        const { main } = require(${JSON.stringify(path.join(dir, 'index.js'))})
        main({ action: 'join', inviteCode: ${JSON.stringify(invite.code)}, name: ${JSON.stringify(name)} }, { environment: JSON.stringify({ WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'bundle-newcomer' }) })
          .then((r) => { console.log(JSON.stringify(r)); process.exit(0) })`
      const out = spawnSync(process.execPath, ['-e', script], { cwd: dir, env: { PATH: process.env.PATH, TENCENTCLOUD: 'true', LOCAL_CLOUD_URL: cloud.url }, encoding: 'utf8', timeout: 30_000 })
      expect(out.stderr).toBe('')
      return JSON.parse(out.stdout) as ApiAnswer<{ name: string }>
    }
    expect(run(`李${RISKY}`)).toMatchObject({ ok: false, code: 'CONTENT.RISKY' })
    expect(run('李大姐')).toMatchObject({ ok: true, data: { name: '李大姐' } })
  })
})
