/**
 * `npm run deploy`: bundles the cloud functions and deploys every one of them to CloudBase with the CLI (`tcb`), as
 * cloudbaserc.json describes them (runtime, the one timer on jobs, environment variables).
 *
 * It checks first, because a half-configured deploy is worse than none:
 * - ENV_ID names the environment;
 * - VOUCHER_CODE_KEY is set and at least 32 characters: cloudbaserc.json passes it to the shop function as an
 *   environment variable, and the CLI writes what it is given — an unset key would deploy as an empty string and wipe
 *   the value set in the console, and every redemption code would then be refused;
 * - each template id of a subscribe message that is set looks like one, and each field mapping reads (unset ones are
 *   simply not sent, or use the default fields: docs/subscribe-messages.md);
 * Every `{{env.X}}` that cloudbaserc.json passes and the shell leaves unset is passed as an empty string, so a function
 * never receives the placeholder text itself.
 * Then it logs in with TCB_SECRET_ID / TCB_SECRET_KEY when they are set (otherwise the CLI's own login is used) and runs
 * `tcb fn deploy --all --force`, which never stops to ask on a redeploy.
 *
 *   ENV_ID=xxx VOUCHER_CODE_KEY=$(openssl rand -hex 32) npm run deploy            # deploy
 *   ... npm run deploy -- --dry-run                                                # check and print the commands only
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { MESSAGE_KINDS, fieldsEnv, parseFieldKeys, templateEnv } from '../src/core/notifications'

const root = path.resolve(__dirname, '..')
const tcb = path.join(root, 'node_modules', '.bin', 'tcb')
export const MIN_KEY_LENGTH = 32

/** What is wrong with the deploy environment, in Chinese, one line each; empty when it may go ahead. */
export function deployProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = []
  if (!env.ENV_ID?.trim()) problems.push('没有设置 ENV_ID（云开发环境 ID，在云开发控制台「设置」里）。')
  const key = env.VOUCHER_CODE_KEY ?? ''
  if (!key) problems.push(`没有设置 VOUCHER_CODE_KEY（兑换码签名密钥，至少 ${MIN_KEY_LENGTH} 个字符，例如 openssl rand -hex 32 的结果）。不设就部署会把云端已有的密钥清空。`)
  else if (key.length < MIN_KEY_LENGTH) problems.push(`VOUCHER_CODE_KEY 太短：只有 ${key.length} 个字符，至少要 ${MIN_KEY_LENGTH} 个（例如 openssl rand -hex 32 的结果）。`)
  for (const kind of MESSAGE_KINDS) {
    const template = env[templateEnv(kind)]?.trim()
    if (template && !/^[\w-]{20,64}$/.test(template)) problems.push(`${templateEnv(kind)} 不像订阅消息模板 ID（公众平台「订阅消息」里复制的那一串）：${template}`)
    const fields = env[fieldsEnv(kind)]?.trim()
    if (fields) {
      try {
        parseFieldKeys(kind, fields)
      } catch (e) {
        problems.push((e as Error).message)
      }
    }
  }
  return problems
}

/** The variables cloudbaserc.json hands to the functions (`{{env.X}}`), each once. */
export function passedVariables(): string[] {
  const rc = fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8')
  return [...new Set([...rc.matchAll(/\{\{env\.([A-Z0-9_]+)\}\}/g)].map((m) => m[1]))].filter((name) => name !== 'ENV_ID')
}

/** The deploy's environment: the shell's, with every passed variable it leaves unset as an empty string. */
export function deployEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(passedVariables().map((name) => [name, ''])), ...env }
}

/** The commands a deploy runs, in order. */
export function deployCommands(env: NodeJS.ProcessEnv): string[][] {
  const commands: string[][] = [['npm', 'run', 'build:functions']]
  if (env.TCB_SECRET_ID && env.TCB_SECRET_KEY) commands.push([tcb, 'login', '--apiKeyId', env.TCB_SECRET_ID, '--apiKey', env.TCB_SECRET_KEY])
  commands.push([tcb, 'fn', 'deploy', '--all', '--force', '-e', env.ENV_ID!.trim()])
  return commands
}

function main() {
  const problems = deployProblems(process.env)
  if (problems.length > 0) {
    console.error('部署前检查没有通过，什么都没有部署：')
    for (const p of problems) console.error(`  - ${p}`)
    process.exit(1)
  }
  const dryRun = process.argv.includes('--dry-run')
  for (const command of deployCommands(process.env)) {
    // The secret key is never printed.
    console.log(`${dryRun ? '将运行' : '运行'}：${command.map((a) => (a === process.env.TCB_SECRET_KEY ? '***' : a)).join(' ')}`)
    if (dryRun) continue
    const run = spawnSync(command[0], command.slice(1), { cwd: root, stdio: 'inherit', env: deployEnv(process.env) })
    if (run.status !== 0) {
      console.error(`这一步失败了（退出码 ${run.status}），部署已停止。`)
      process.exit(run.status ?? 1)
    }
  }
  console.log(dryRun ? '检查通过（只是演练，没有部署）。' : '全部云函数已部署。')
}

if (require.main === module) main()
