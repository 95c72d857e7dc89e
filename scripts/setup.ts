/**
 * `npm run setup`: a real community starts from nothing.
 *
 *   npm run setup -- --community <名称> [--local <地址>] [--template 五大类|基础贡献] [--out <文件夹>]
 *   npm run setup -- --community <名称> --new-admin-code [--local <地址>] [--out <文件夹>]
 *   npm run setup -- --plan
 *
 * Creates the community with the default settings and a rule catalogue from a template (the admin edits both
 * afterwards), and prints a one-time 管理员邀请码 (7 days) with a PNG of its QR: the first person to join with it
 * becomes the community's admin. `--local http://127.0.0.1:10086` talks to the local cloud (`DEMO=0 npm start`).
 * Without it, against CloudBase (ENV_ID, TCB_SECRET_ID, TCB_SECRET_KEY), it first applies the deployment plan
 * (scripts/plan.ts) with @cloudbase/manager-node: every collection with its indexes, locked ADMINONLY, and the
 * storage rule. `--plan` prints that plan as JSON and touches no network.
 * `--new-admin-code`, for a community that exists (nobody joined within the 7 days, or its admin lost their phone
 * or left), prints a fresh admin code the same way, revokes the earlier unused ones and lists its current admins;
 * against CloudBase it checks the same settings but does not apply the plan again.
 */
import tcb from '@cloudbase/node-sdk'
import type CloudBase from '@cloudbase/manager-node'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import QRCode from 'qrcode'
import { type AdminCode, createCommunity, newAdminCode } from '../cloudfunctions/_shared/bootstrap'
import type { Db } from '../cloudfunctions/_shared/cloud'
import { DomainError } from '../src/core/errors'
import { ADMIN_INVITE_DAYS } from '../src/core/invites'
import { communitySetupInput, RULE_TEMPLATES } from '../src/core/templates'
import { type DeploymentPlan, deploymentPlan } from './plan'

const root = path.resolve(__dirname, '..')

const USAGE = [
  '用法：',
  '  npm run setup -- --community <社区名称> [--local <本地云地址>] [--template 五大类|基础贡献] [--out <文件夹>]',
  '  npm run setup -- --community <社区名称> --new-admin-code [--local <本地云地址>] [--out <文件夹>]',
  '                                 给已有的社区重新发一个管理员邀请码（7 天，只能用一次），之前没用过的作废；',
  '                                 用于没人及时加入、或管理员换了手机、离开了；同时列出现有的管理员',
  '  npm run setup -- --plan        打印部署计划（集合、索引、权限、存储规则、云函数），不联网',
  '例如：npm run setup -- --community 昌宁社区 --local http://127.0.0.1:10086',
  '不带 --local 时部署到云开发，需要环境变量 ENV_ID、TCB_SECRET_ID、TCB_SECRET_KEY。',
].join('\n')

/** The manager-node calls setup makes, by service: the Manager type below and a test hold them against the library. */
export const MANAGER_METHODS = {
  database: ['createCollectionIfNotExists', 'describeCollection', 'updateCollection'],
  permission: ['modifyResourcePermission'],
  storage: ['setStorageAcl'],
} as const

/** The part of a @cloudbase/manager-node `CloudBase` that setup uses (a test passes a recording fake). */
export interface Manager {
  database: Pick<CloudBase['database'], (typeof MANAGER_METHODS)['database'][number]>
  permission: Pick<CloudBase['permission'], (typeof MANAGER_METHODS)['permission'][number]>
  storage: Pick<CloudBase['storage'], (typeof MANAGER_METHODS)['storage'][number]>
}

/**
 * Applies the plan to a CloudBase environment: each collection created if missing, its missing indexes added (an
 * index of the same name is left alone), its rule set to the plan's ACL; then the storage rule. Safe to run again.
 */
export async function applyPlan(manager: Manager, plan: DeploymentPlan, log: (line: string) => void): Promise<void> {
  for (const c of plan.collections) {
    const { IsCreated } = await manager.database.createCollectionIfNotExists(c.name)
    const existing = new Set(((await manager.database.describeCollection(c.name)).Indexes ?? []).map((i) => i.Name))
    const missing = c.indexes.filter((i) => !existing.has(i.name))
    if (missing.length > 0) {
      await manager.database.updateCollection(c.name, {
        CreateIndexes: missing.map((i) => ({
          IndexName: i.name,
          // CloudBase takes the direction as a string: "1" ascending, "-1" descending.
          MgoKeySchema: { MgoIsUnique: i.unique ?? false, MgoIndexKeys: i.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })) },
        })),
      })
    }
    await manager.permission.modifyResourcePermission({ resourceType: 'collection', resource: c.name, permission: c.acl })
    log(`  集合 ${c.name}：${IsCreated ? '新建' : '已有'}；索引 ${c.indexes.length} 个（新加 ${missing.length} 个）；权限 ${c.acl}（只经云函数读写）`)
  }
  await manager.storage.setStorageAcl('CUSTOM', plan.storageRule)
  log('  云存储：谁都不能直接读（经云函数给的临时链接看），用户只能在自己的 evidence/<openid>/ 下上传新文件')
}

class SetupError extends Error {}

const shanghaiTime = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso))

/** The local cloud's SDK: the same node-sdk the functions use, at `<url>/admin` with dummy secrets. */
async function localDatabase(url: string, log: (line: string) => void): Promise<Db> {
  let base: URL
  try {
    base = new URL(url)
  } catch {
    throw new SetupError(`--local 的地址不对：${url}（应当像 http://127.0.0.1:10086）`)
  }
  const origin = base.origin
  // Without it the SDK looks for a cloud metadata host before every request (shared/notes/cloudbase-protocol.md).
  process.env.TENCENTCLOUD = 'true'
  log(`连接本地云 ${origin} …`)
  const healthy = await fetch(`${origin}/healthz`).then((r) => r.status === 200, () => false)
  if (!healthy) throw new SetupError(`连不上本地云 ${origin}：请先在另一个终端运行 DEMO=0 npm start，再用它打印的地址`)
  return tcb.init({ env: 'local', serviceUrl: `${origin}/admin`, secretId: 'local', secretKey: 'local', timeout: 15_000 }).database()
}

/**
 * CloudBase: the plan first (collections, indexes, locks) through manager-node unless `applyThePlan` is false (a new
 * admin code for a community that exists needs none), then the node-sdk for the data.
 */
async function cloudDatabase(log: (line: string) => void, applyThePlan: boolean): Promise<Db> {
  const needed = ['ENV_ID', 'TCB_SECRET_ID', 'TCB_SECRET_KEY'] as const
  const missing = needed.filter((k) => !process.env[k])
  if (missing.length > 0) {
    throw new SetupError(`要部署到云开发，请先设置环境变量 ${missing.join('、')}（腾讯云 API 密钥和环境 ID）；只在本机试用请加 --local <本地云地址>`)
  }
  const { ENV_ID: envId, TCB_SECRET_ID: secretId, TCB_SECRET_KEY: secretKey } = process.env as Record<(typeof needed)[number], string>
  if (applyThePlan) {
    const { default: CloudBaseManager } = await import('@cloudbase/manager-node')
    log(`正在准备云开发环境 ${envId}：集合、索引、权限和存储规则…`)
    await applyPlan(new CloudBaseManager({ envId, secretId, secretKey }), deploymentPlan(), log)
  } else {
    log(`连接云开发环境 ${envId} …`)
  }
  return tcb.init({ env: envId, secretId, secretKey }).database()
}

export async function main(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  let args: ReturnType<typeof parse>
  try {
    args = parse(argv)
  } catch {
    throw new SetupError(`参数不对。\n${USAGE}`)
  }
  const { values } = args
  if (values.help || values.plan) {
    log(values.help ? USAGE : JSON.stringify(deploymentPlan(), null, 2))
    return 0
  }
  if (!values.community) throw new SetupError(`请用 --community 给出社区名称。\n${USAGE}`)
  const renew = values['new-admin-code'] === true
  if (renew && values.template) throw new SetupError('--new-admin-code 只重发管理员邀请码，不改积分细则：请去掉 --template')

  const input = communitySetupInput.safeParse({ name: values.community, template: values.template })
  if (!input.success) throw new SetupError(input.error.issues.map((i) => i.message).join('；'))
  const { name, template } = input.data

  const db = values.local ? await localDatabase(values.local, log) : await cloudDatabase(log, !renew)
  const where = values.local ? `或 ${new URL(values.local).origin} ` : ''
  const outDir = path.resolve(values.out ?? path.join(root, 'setup-output'))

  if (renew) {
    log(`正在给社区「${name}」重新发管理员邀请码…`)
    const fresh = await newAdminCode(db, { name })
    const qrFile = await writeQr(outDir, fresh.name, fresh.invite)
    log(
      [
        `社区「${fresh.name}」（编号 ${fresh.communityId}）`,
        fresh.admins.length > 0
          ? `  现有管理员 ${fresh.admins.length} 位：${fresh.admins.map((a) => a.name).join('、')}。新邀请码照样发出，用它加入的人也成为管理员。`
          : '  现在还没有管理员。',
        fresh.revoked > 0 ? `  之前没用过的管理员邀请码 ${fresh.revoked} 个已作废，只有下面这个新的有效。` : '  没有要作废的旧管理员邀请码。',
        ...inviteLines(fresh.name, fresh.invite, where, qrFile),
      ].join('\n'),
    )
    return 0
  }

  log(`正在创建社区「${name}」…`)
  const created = await createCommunity(db, { name, template })
  const qrFile = await writeQr(outDir, created.name, created.invite)

  log(
    [
      `已创建社区「${created.name}」（编号 ${created.communityId}）。`,
      `  积分细则：${RULE_TEMPLATES[template].description}，共 ${created.categories} 类 ${created.rules} 条；社区设置为默认值。管理员加入后可以修改。`,
      ...inviteLines(created.name, created.invite, where, qrFile),
    ].join('\n'),
  )
  return 0
}

/** The admin code's QR as a PNG in `outDir`, named after the community (a newer code of the same one replaces it). */
async function writeQr(outDir: string, name: string, invite: AdminCode): Promise<string> {
  fs.mkdirSync(outDir, { recursive: true })
  const qrFile = path.join(outDir, `${name.replace(/[\\/:*?"<>|\s]/g, '_')}-管理员邀请码.png`)
  // The bare code, as the app's own invite QR carries it: the join page reads it into the code field.
  await QRCode.toFile(qrFile, invite.code, { type: 'png', width: 480, margin: 4, errorCorrectionLevel: 'M' })
  return qrFile
}

/** The lines that hand an admin code over: the code, how to say it, until when, what it does, its QR. */
function inviteLines(name: string, invite: AdminCode, where: string, qrFile: string): string[] {
  return [
    `管理员邀请码：${invite.code}`,
    `  念作 ${invite.display}；有效期至 ${shanghaiTime(invite.expiresAt)}（北京时间，${ADMIN_INVITE_DAYS} 天），只能用一次：`,
    `  第一位用它加入的人成为「${name}」的管理员（工作小组）。在小程序${where}首页点「输入邀请码加入」。`,
    `二维码图片：${qrFile}`,
    // From the process's start: node and the SDK loading are part of what a person waits for.
    `用时 ${process.uptime().toFixed(1)} 秒`,
  ]
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      community: { type: 'string' },
      local: { type: 'string' },
      template: { type: 'string' },
      out: { type: 'string' },
      'new-admin-code': { type: 'boolean' },
      plan: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  })
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      if (e instanceof SetupError || e instanceof DomainError) console.error(e.message)
      else console.error(`设置没有完成：${e instanceof Error ? e.message : String(e)}`)
      process.exit(1)
    },
  )
}
