/**
 * Go live from nothing: `DEMO=0 npm start` gives every collection and no community; `npm run setup` (run as a child
 * process, as a person runs it) creates one and prints a one-time 管理员邀请码 with its QR; the first person to join
 * with it is the admin, who builds a grid and a courtyard and invites a villager, who claims. Also: a taken name is
 * refused, the other template, `--plan` with the network cut off, and the CloudBase path against a recording fake
 * whose method names are checked on the real @cloudbase/manager-node classes. `--new-admin-code` gives an existing
 * community a fresh admin code, revoking the unused ones and naming its admins; an unknown name is refused.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import jsQR from 'jsqr'
import { COLLECTIONS } from '../../cloudfunctions/_shared/collections'
import { DEFAULT_SETTINGS } from '../../src/core/governance'
import { saveInput as ruleSaveInput } from '../../src/core/rules.schema'
import { RULE_TEMPLATES } from '../../src/core/templates'
import type { Me } from '../../src/core/user'
import { applyPlan, type Manager, MANAGER_METHODS } from '../../scripts/setup'
import { deploymentPlan } from '../../scripts/plan'
import { buildClaim, photoBytes, upload } from '../support/claims'
import { startCloud, type TestCloud } from '../support/cloud'
import { rejection } from '../support/emulator'

const root = path.resolve(__dirname, '../..')
// pngjs comes with qrcode (it writes the PNG); it has no types of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PNG } = require('pngjs') as { PNG: { sync: { read(buf: Buffer): { width: number; height: number; data: Buffer } } } }

let cloud: TestCloud
let out: string

beforeAll(async () => {
  cloud = await startCloud({ empty: true })
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-out-'))
})
afterAll(async () => {
  await cloud?.stop()
  if (out) fs.rmSync(out, { recursive: true, force: true })
})

interface Run {
  code: number | null
  stdout: string
  stderr: string
  ms: number
}

/** `npm run setup -- <args>` as the package script runs it, timed from spawn to exit. */
function runSetup(args: string[], options: { env?: Record<string, string | undefined>; preload?: string } = {}): Promise<Run> {
  const started = Date.now()
  const env = { ...process.env, ...options.env }
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k]
  const child = spawn(process.execPath, [...(options.preload ? ['--require', options.preload] : []), '--import', 'tsx', path.join(root, 'scripts', 'setup.ts'), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })))
}

const setup = (name: string, more: string[] = []) => runSetup(['--community', name, '--local', cloud.url, '--out', out, ...more])

const codeOf = (run: Run) => {
  const m = /^管理员邀请码：([2-9A-HJKMNP-Z]{8})$/m.exec(run.stdout)
  if (!m) throw new Error(`没有打印管理员邀请码：\n${run.stdout}\n${run.stderr}`)
  return m[1]
}

const ok = async <T>(fn: string, action: string, input: Record<string, unknown>, openid: string): Promise<T> => {
  const answer = await cloud.api<T>(fn, action, input, openid)
  if (!answer.ok) throw new Error(`${fn}.${action}：${answer.code} ${answer.message}`)
  return answer.data
}

const db = () => cloud.sdk().database()
const communities = async () => (await db().collection('orgNodes').where({ type: 'community' }).get()).data as { _id: string; name: string }[]

/** A preload that makes any network use throw: what "needs no network" means, checked. */
function noNetworkPreload(): string {
  const file = path.join(out, 'no-network.cjs')
  fs.writeFileSync(
    file,
    `const net = require('node:net'); const dns = require('node:dns')
const deny = () => { throw new Error('NETWORK_USED') }
net.Socket.prototype.connect = deny; net.connect = deny; net.createConnection = deny
dns.lookup = deny; dns.promises.lookup = deny`,
  )
  return file
}

describe('--plan and the CloudBase path', () => {
  test('--plan prints the deployment plan as JSON with the network cut off', async () => {
    const run = await runSetup(['--plan'], { preload: noNetworkPreload(), env: { LOCAL_CLOUD_URL: undefined, ENV_ID: undefined, TCB_SECRET_ID: undefined, TCB_SECRET_KEY: undefined } })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual(deploymentPlan())
    // The same cut stops a setup against the running local cloud: the preload bites.
    const cut = await runSetup(['--community', '断网社区', '--local', cloud.url, '--out', out], { preload: noNetworkPreload() })
    expect(cut.code).not.toBe(0)
    expect(cut.stderr).toContain('连不上本地云')
    expect(await communities()).toHaveLength(0)
  })

  test('without --local it names the missing CloudBase settings, in Chinese, and stops', async () => {
    const run = await runSetup(['--community', '云上社区'], { env: { ENV_ID: 'env-x', TCB_SECRET_ID: undefined, TCB_SECRET_KEY: undefined } })
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain('TCB_SECRET_ID、TCB_SECRET_KEY')
    expect(run.stderr).not.toContain('ENV_ID、')
  })

  test('applyPlan creates, indexes and locks every collection and sets the storage rule, through methods the real manager-node has', async () => {
    const plan = deploymentPlan()
    const calls: { service: string; method: string; args: unknown[] }[] = []
    // One collection already has one of its indexes: it is not created twice.
    const [first] = plan.collections
    const answers: Record<string, (args: unknown[]) => unknown> = {
      createCollectionIfNotExists: ([name]) => ({ RequestId: 'r', IsCreated: name !== first.name, ExistsResult: { RequestId: 'r', Exists: name === first.name } }),
      describeCollection: ([name]) => ({ RequestId: 'r', Indexes: name === first.name ? [{ Name: first.indexes[0].name }] : [{ Name: '_id_' }] }),
    }
    const recorder = (service: string) =>
      new Proxy({}, { get: (_t, method: string) => async (...args: unknown[]) => (calls.push({ service, method, args }), answers[method]?.(args) ?? { RequestId: 'r' }) })
    const fake = { database: recorder('database'), permission: recorder('permission'), storage: recorder('storage') } as unknown as Manager
    const lines: string[] = []
    await applyPlan(fake, plan, (l) => lines.push(l))

    // Only the declared methods are called.
    for (const c of calls) expect((MANAGER_METHODS as Record<string, readonly string[]>)[c.service]).toContain(c.method)
    for (const collection of plan.collections) {
      const of = (method: string) => calls.filter((c) => c.method === method && (c.args[0] === collection.name || (c.args[0] as { resource?: string })?.resource === collection.name))
      expect(of('createCollectionIfNotExists')).toHaveLength(1)
      expect(of('modifyResourcePermission').map((c) => c.args[0])).toEqual([{ resourceType: 'collection', resource: collection.name, permission: 'ADMINONLY' }])
      const expected = collection.indexes.filter((i) => !(collection.name === first.name && i.name === first.indexes[0].name))
      const created = of('updateCollection').flatMap((c) => (c.args[1] as { CreateIndexes: { IndexName: string; MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean } }[] }).CreateIndexes)
      expect(created.map((i) => i.IndexName)).toEqual(expected.map((i) => i.name))
      for (const [n, index] of expected.entries()) {
        expect(created[n].MgoKeySchema).toEqual({ MgoIsUnique: false, MgoIndexKeys: index.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })) })
      }
    }
    expect(plan.collections.map((c) => c.name).sort()).toEqual(Object.keys(COLLECTIONS).sort())
    expect(calls.filter((c) => c.method === 'setStorageAcl').map((c) => c.args)).toEqual([['CUSTOM', plan.storageRule]])
    expect(lines.join('\n')).toContain('ADMINONLY')

    // The fake cannot drift from the library: each method exists on the real services a manager hands out.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const CloudBase = require('@cloudbase/manager-node') as new (config: Record<string, string>) => Record<string, object>
    const real = new CloudBase({ envId: 'offline-check', secretId: 'x', secretKey: 'y' })
    for (const [service, methods] of Object.entries(MANAGER_METHODS)) {
      const proto = Object.getPrototypeOf(real[service]) as Record<string, unknown>
      for (const method of methods) expect([service, method, typeof proto[method]]).toEqual([service, method, 'function'])
    }
  })
})

let code: string
let communityId: string

describe('an empty local cloud and npm run setup', () => {
  test('DEMO=0: every collection exists and holds nothing; the banner prints the setup command with its port', async () => {
    for (const name of Object.keys(COLLECTIONS)) expect((await db().collection(name).count()).total).toBe(0)
    // Counting a collection nobody created would fail: the zeros above are real collections.
    expect((await rejection(db().collection('nothing-here').count())).code).toBe('DATABASE_COLLECTION_NOT_EXIST')
    expect(cloud.output()).toContain('云是空的')
    expect(cloud.output()).toContain(`npm run setup -- --community 社区名称 --local ${cloud.url}`)
    expect(cloud.output()).not.toContain('demo-admin')
    expect(await cloud.api('user', 'me', {}, 'demo-admin')).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
  })

  test('setup creates the community in under 5 s and prints a one-time admin code, its expiry and a QR that reads back the code', async () => {
    const run = await setup('测试社区')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    console.log(`npm run setup（本地云）用时 ${run.ms} ms`)
    expect(run.ms).toBeLessThan(5000)
    code = codeOf(run)

    const [community] = await communities()
    expect(community.name).toBe('测试社区')
    communityId = community._id
    // Opaque: random, nothing of the name in it.
    expect(communityId).toMatch(/^community-[0-9a-f]{20}$/)
    const settings = (await db().collection('settings').doc(communityId).get()).data[0]
    expect(settings).toMatchObject({ communityId, ...DEFAULT_SETTINGS })

    const invite = (await db().collection('invites').doc(code).get()).data[0] as Record<string, unknown>
    expect(invite).toMatchObject({ communityId, role: 'admin', maxUses: 1, uses: 0, revoked: false })
    const days = (Date.parse(invite.expiresAt as string) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.99)
    expect(days).toBeLessThanOrEqual(7)
    expect(run.stdout).toMatch(/有效期至 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}（北京时间，7 天）/)

    const qr = /^二维码图片：(.+\.png)$/m.exec(run.stdout)?.[1]
    expect(qr && fs.existsSync(qr)).toBe(true)
    const png = PNG.sync.read(fs.readFileSync(qr!))
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(code)
  })

  test('the catalogue is the five categories with their items, under ids of this community only', async () => {
    const categories = (await db().collection('ruleCategories').where({ communityId }).orderBy('order', 'asc').get()).data as { _id: string; name: string }[]
    const rules = (await db().collection('rules').where({ communityId }).get()).data as { _id: string; name: string; pointsTenths: number; enabled: boolean }[]
    const template = RULE_TEMPLATES.五大类
    expect(categories.map((c) => c.name)).toEqual(template.categories.map((c) => c.name))
    expect(rules).toHaveLength(template.categories.flatMap((c) => c.items).length)
    expect(rules.find((r) => r.name === '清扫院落及门前卫生')).toMatchObject({ pointsTenths: 10, enabled: true })
    for (const id of [...categories, ...rules].map((d) => d._id)) expect(id).toMatch(/^(cat|rule)-[0-9a-f]{20}$/)
  })

  test('a second setup with the same name (spaces around it) refuses, says so, and changes nothing', async () => {
    const invitesBefore = (await db().collection('invites').count()).total
    const run = await setup('  测试社区 ')
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain('已经有一个叫「测试社区」的社区了')
    expect(run.stdout).not.toContain('管理员邀请码')
    expect(await communities()).toHaveLength(1)
    expect((await db().collection('invites').count()).total).toBe(invitesBefore)
  })

  test('a name too short or an unknown template is refused before anything is written', async () => {
    const short = await setup('村')
    expect(short.code).not.toBe(0)
    expect(short.stderr).toContain('社区名称至少两个字')
    const template = await setup('另一个社区', ['--template', '三大类'])
    expect(template.code).not.toBe(0)
    expect(template.stderr).toContain('五大类、基础贡献')
    expect(await communities()).toHaveLength(1)
  })

  test('--template 基础贡献 gives Fulu’s 基础类 and 贡献类, and its code expires after 7 days', async () => {
    const run = await setup('福禄村', ['--template', '基础贡献'])
    expect(run.code).toBe(0)
    const fulu = (await communities()).find((c) => c.name === '福禄村')!
    const categories = (await db().collection('ruleCategories').where({ communityId: fulu._id }).orderBy('order', 'asc').get()).data as { _id: string; name: string }[]
    expect(categories.map((c) => c.name)).toEqual(['基础类', '贡献类'])
    const rules = (await db().collection('rules').where({ communityId: fulu._id }).get()).data as { name: string; pointsTenths: number; categoryId: string }[]
    // Values the report gives.
    expect(rules.find((r) => r.name === '党员每月按时参加组织生活')).toMatchObject({ pointsTenths: 5, categoryId: categories[0]._id })
    expect(rules.find((r) => r.name === '参加一次志愿活动')).toMatchObject({ pointsTenths: 10, categoryId: categories[1]._id })
    expect(rules.find((r) => r.name === '培养一名本科以上学历大学生')).toMatchObject({ pointsTenths: 10 })

    await cloud.setClock(7 * 86_400_000 + 60_000)
    try {
      expect(await cloud.api('user', 'join', { inviteCode: codeOf(run), name: '王书记' }, 'wx-too-late')).toMatchObject({ ok: false, code: 'INVITE.INVALID' })
    } finally {
      await cloud.setClock(0)
    }
  })

  test('every item of both templates is one an admin could save (points, caps, names)', () => {
    for (const template of Object.values(RULE_TEMPLATES)) {
      for (const category of template.categories) {
        for (const [, name, points, photosRequired, capPerMonth] of category.items) {
          expect(ruleSaveInput.safeParse({ categoryName: category.name, name, points, photosRequired, capPerMonth }).success).toBe(true)
        }
      }
    }
  })
})

describe('a new admin code for a community that exists (--new-admin-code)', () => {
  const renew = (name: string, more: string[] = []) => setup(name, ['--new-admin-code', ...more])
  const inviteOf = async (c: string) => (await db().collection('invites').doc(c).get()).data[0] as Record<string, unknown>

  test('nobody joined: a fresh code revokes the unused one, which user.join now refuses; the fresh one makes its joiner admin', async () => {
    const first = codeOf(await setup('换码社区'))
    const before = (await communities()).length
    const run = await renew('换码社区')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const fresh = codeOf(run)
    expect(fresh).not.toBe(first)
    expect(run.stdout).toContain('现在还没有管理员')
    expect(run.stdout).toContain('之前没用过的管理员邀请码 1 个已作废')
    expect(run.stdout).toMatch(/有效期至 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}（北京时间，7 天）/)
    expect(run.stdout).not.toContain('已创建社区')
    // Nothing else is made: no second community of the name.
    expect(await communities()).toHaveLength(before)
    const renewed = (await communities()).find((c) => c.name === '换码社区')!

    expect(await inviteOf(first)).toMatchObject({ revoked: true, uses: 0 })
    const invite = await inviteOf(fresh)
    expect(invite).toMatchObject({ communityId: renewed._id, role: 'admin', maxUses: 1, uses: 0, revoked: false, issuedBy: 'setup' })
    const days = (Date.parse(invite.expiresAt as string) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.99)
    expect(days).toBeLessThanOrEqual(7)

    const qr = /^二维码图片：(.+\.png)$/m.exec(run.stdout)?.[1]
    expect(qr && fs.existsSync(qr)).toBe(true)
    const png = PNG.sync.read(fs.readFileSync(qr!))
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(fresh)

    expect(await cloud.api('user', 'join', { inviteCode: first, name: '旧码人' }, 'wx-old-code')).toMatchObject({ ok: false, code: 'INVITE.INVALID' })
    expect(await cloud.api('user', 'me', {}, 'wx-old-code')).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
    const me = await ok<Me>('user', 'join', { inviteCode: fresh, name: '赵主任' }, 'wx-renewed-admin')
    expect(me).toMatchObject({ communityId: renewed._id, residentId: null, communityName: '换码社区' })
    expect(me.roles).toEqual([{ role: 'admin', nodeId: renewed._id, nodeName: '换码社区' }])
  })

  test('with an admin already there it still issues a code, names the admins, leaves spent codes alone, and only the newest works', async () => {
    const run = await renew('  换码社区 ')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('现有管理员 1 位：赵主任')
    // The spent code is no one's to revoke.
    expect(run.stdout).toContain('没有要作废的旧管理员邀请码')
    const unused = codeOf(run)

    const again = await renew('换码社区')
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('之前没用过的管理员邀请码 1 个已作废')
    const newest = codeOf(again)
    expect(await cloud.api('user', 'join', { inviteCode: unused, name: '钱干事' }, 'wx-second-admin')).toMatchObject({ ok: false, code: 'INVITE.INVALID' })
    const me = await ok<Me>('user', 'join', { inviteCode: newest, name: '钱干事' }, 'wx-second-admin')
    expect(me.roles.map((r) => r.role)).toEqual(['admin'])

    const listed = await renew('换码社区')
    expect(listed.stdout).toContain('现有管理员 2 位：')
    expect(listed.stdout).toContain('赵主任')
    expect(listed.stdout).toContain('钱干事')
    // Other communities' admin codes are untouched: 测试社区's first code still works for the first-admin test below.
    expect(await inviteOf(code)).toMatchObject({ revoked: false, uses: 0 })
  })

  test('an unknown name is refused in Chinese with a non-zero exit, and nothing is written', async () => {
    const invitesBefore = (await db().collection('invites').count()).total
    const run = await renew('没有这个社区')
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain('没有叫「没有这个社区」的社区')
    expect(run.stdout).not.toContain('管理员邀请码：')
    const template = await renew('换码社区', ['--template', '基础贡献'])
    expect(template.code).not.toBe(0)
    expect(template.stderr).toContain('请去掉 --template')
    expect((await db().collection('invites').count()).total).toBe(invitesBefore)
  })

  test('against CloudBase it checks the same settings and does not apply the plan again', async () => {
    const missing = await runSetup(['--community', '云上社区', '--new-admin-code'], { env: { ENV_ID: undefined, TCB_SECRET_ID: 'id', TCB_SECRET_KEY: undefined } })
    expect(missing.code).not.toBe(0)
    expect(missing.stderr).toContain('ENV_ID、TCB_SECRET_KEY')
    // With settings but no network it goes straight to the data, never to the plan, and fails without a code.
    const cut = await runSetup(['--community', '云上社区', '--new-admin-code', '--out', out], {
      preload: noNetworkPreload(),
      env: { LOCAL_CLOUD_URL: undefined, ENV_ID: 'env-x', TCB_SECRET_ID: 'id', TCB_SECRET_KEY: 'key' },
    })
    expect(cut.code).not.toBe(0)
    expect(cut.stdout).toContain('连接云开发环境 env-x')
    expect(cut.stdout).not.toContain('正在准备云开发环境')
    expect(cut.stdout).not.toContain('管理员邀请码：')
  })
})

describe('the first admin builds the community', () => {
  test('the first joiner with the code is its admin; a second person is refused; the first joining again is answered the same', async () => {
    const me = await ok<Me>('user', 'join', { inviteCode: code.toLowerCase(), name: '刘书记' }, 'wx-first-admin')
    expect(me).toMatchObject({ openid: 'wx-first-admin', name: '刘书记', communityId, residentId: null, communityName: '测试社区' })
    expect(me.roles).toEqual([{ role: 'admin', nodeId: communityId, nodeName: '测试社区' }])
    expect(await ok<Me>('user', 'me', {}, 'wx-first-admin')).toEqual(me)

    const second = await cloud.api('user', 'join', { inviteCode: code, name: '冒名者' }, 'wx-second')
    expect(second).toMatchObject({ ok: false, code: 'INVITE.INVALID' })
    expect(await cloud.api('user', 'me', {}, 'wx-second')).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
    expect(await ok<Me>('user', 'join', { inviteCode: code, name: '刘书记' }, 'wx-first-admin')).toEqual(me)
    expect((await db().collection('invites').doc(code).get()).data[0]).toMatchObject({ uses: 1, usedBy: 'wx-first-admin' })
  })

  test('two people at once with the same code: exactly one becomes admin', async () => {
    const run = await setup('并发社区')
    const raced = codeOf(run)
    const answers = await Promise.all(['wx-race-1', 'wx-race-2'].map((openid) => cloud.api('user', 'join', { inviteCode: raced, name: '抢先者' }, openid)))
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    expect(answers.filter((a) => !a.ok && a.code === 'INVITE.INVALID')).toHaveLength(1)
  })

  test('the admin adds a grid and a courtyard and issues an invite; a villager joins, reads the rules and claims with a photo', async () => {
    const admin = 'wx-first-admin'
    const { node: grid } = await ok<{ node: { _id: string } }>('org', 'saveNode', { type: 'grid', parentId: communityId, name: '第一网格', requestId: 'setup-grid-0001' }, admin)
    const { node: courtyard } = await ok<{ node: { _id: string } }>('org', 'saveNode', { type: 'courtyard', parentId: grid._id, name: '东头院子', requestId: 'setup-yard-0001' }, admin)
    const { invite } = await ok<{ invite: { code: string } }>('org', 'issueInvite', { courtyardId: courtyard._id }, admin)

    const villager = await ok<Me>('user', 'join', { inviteCode: invite.code, name: '张大娘' }, 'wx-villager')
    expect(villager).toMatchObject({ communityId, gridId: grid._id, courtyardId: courtyard._id, householdName: '张大娘家', roles: [] })
    expect(villager.residentId).toBeTruthy()

    const { categories } = await ok<{ categories: { name: string; items: { id: string; name: string; points: number }[] }[] }>('rules', 'list', {}, 'wx-villager')
    expect(categories.map((c) => c.name)).toEqual(RULE_TEMPLATES.五大类.categories.map((c) => c.name))
    const item = categories.flatMap((c) => c.items).find((i) => i.name === '清扫院落及门前卫生')!
    expect(item.points).toBe(1)

    const photo = await upload(cloud, 'wx-villager', photoBytes(4242))
    const { claim } = await ok<{ claim: { status: string; points: number; ruleId: string } }>('claims', 'submit', buildClaim({ ruleId: item.id, photos: [photo], place: '东头院子' }), 'wx-villager')
    expect(claim).toMatchObject({ ruleId: item.id, points: 1 })
    // No head in this courtyard yet: the claim goes to the grid worker's step.
    expect(claim.status).toBe('pre_approved')
    // A demo rule id does not exist here.
    expect(await cloud.api('claims', 'submit', buildClaim({ photos: [await upload(cloud, 'wx-villager', photoBytes(4243))] }), 'wx-villager')).toMatchObject({ ok: false })
  })

  test('restarted with or without DEMO=0, the folder keeps its communities and never gets the demo', async () => {
    const before = (await communities()).length
    expect(await cloud.stop()).toBe(0)
    for (const empty of [true, false]) {
      cloud = await startCloud({ dataDir: cloud.dataDir, empty })
      expect(cloud.output()).not.toContain('写入演示数据')
      expect(cloud.output()).toContain(`社区：${before} 个`)
      expect(await communities()).toHaveLength(before)
      expect((await db().collection('users').doc('demo-admin').get()).data).toHaveLength(0)
      expect(await cloud.api('user', 'me', {}, 'wx-first-admin')).toMatchObject({ ok: true, data: { communityId } })
      await cloud.stop()
    }
  })
})
