/**
 * The deployment plan and the deploy command, held against the files that decide them: cloudfunctions/_shared/
 * collections.ts, cloudbaserc.json and each function's config.json. Nothing here reaches the network.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { COLLECTIONS } from '../../cloudfunctions/_shared/collections'
import { deployEnv, passedVariables } from '../../scripts/deploy'
import { RUNTIME, deploymentPlan, readCloudbaserc } from '../../scripts/plan'
import { MESSAGE_KINDS, fieldsEnv, templateEnv } from '../../src/core/notifications'

const root = path.resolve(__dirname, '../..')
const functionNames = fs
  .readdirSync(path.join(root, 'cloudfunctions'))
  .filter((n) => !n.startsWith('_') && !n.startsWith('.') && fs.existsSync(path.join(root, 'cloudfunctions', n, 'index.ts')))
  .sort()

describe('the deployment plan', () => {
  const plan = deploymentPlan()

  test('locks every collection the code uses as ADMINONLY, with the indexes the local cloud builds', () => {
    expect(plan.collections.map((c) => c.name).sort()).toEqual(Object.keys(COLLECTIONS).sort())
    for (const c of plan.collections) {
      expect(c.acl).toBe('ADMINONLY')
      const declared = COLLECTIONS[c.name as keyof typeof COLLECTIONS].indexes as readonly string[]
      expect(c.indexes.map((i) => i.keys.map((k) => k.field).join(','))).toEqual([...declared])
      expect(new Set(c.indexes.map((i) => i.name)).size).toBe(c.indexes.length)
    }
  })

  test('lets a client read only its own exports, and write only under its own evidence folder', () => {
    expect(plan.storageRule.read).toBe("auth.openid != null && resource.path.indexOf('exports/' + auth.openid + '/') == 0")
    expect(typeof plan.storageRule.write).toBe('string')
    expect(plan.storageRule.write).toContain("'evidence/' + auth.openid + '/'")
    expect(plan.storageRule.write).toContain('auth.openid != null')
  })

  test('deploys every function folder, on one runtime, with at most one timer each (7-field cron)', () => {
    expect(plan.functions.map((f) => f.name).sort()).toEqual(functionNames)
    for (const f of plan.functions) {
      expect(f.runtime).toBe(RUNTIME)
      expect(f.timers.length).toBeLessThanOrEqual(1)
      for (const t of f.timers) expect(t.config.trim().split(/\s+/)).toHaveLength(7)
    }
    // The timer of jobs also closes the month (the tick catches it up), so it needs no second trigger.
    expect(plan.functions.find((f) => f.name === 'jobs')?.timers).toEqual([{ name: 'tick', config: '0 */5 * * * * *' }])
  })

  test("carries each function's declared cloud-call permissions (config.json) and nothing else", () => {
    for (const f of plan.functions) {
      const file = path.join(root, 'cloudfunctions', f.name, 'config.json')
      const declared = fs.existsSync(file) ? ((JSON.parse(fs.readFileSync(file, 'utf8')) as { permissions?: { openapi?: string[] } }).permissions?.openapi ?? []) : []
      expect(f.openapi).toEqual(declared)
    }
  })

  test('builds the functions for the runtime it deploys them on', () => {
    const build = fs.readFileSync(path.join(root, 'scripts', 'build-functions.mjs'), 'utf8')
    const node = /Nodejs(\d+)\./.exec(RUNTIME)![1]
    expect(build).toContain(`target: 'node${node}'`)
    // And the environment variables it passes are all taken from the deploying shell, never written in the file.
    for (const f of readCloudbaserc().functions as { envVariables?: Record<string, string> }[]) {
      for (const value of Object.values(f.envVariables ?? {})) expect(value).toMatch(/^\{\{env\.[A-Z0-9_]+\}\}$/)
    }
  })
})

describe('npm run deploy', () => {
  const deploy = (env: Record<string, string>, ...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'deploy.ts'), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    })
  const goodKey = 'k'.repeat(64)

  test('refuses without an environment id', () => {
    const run = deploy({ VOUCHER_CODE_KEY: goodKey }, '--dry-run')
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('ENV_ID')
    expect(run.stdout).not.toContain('fn deploy')
  })

  test('refuses a missing or short redemption-code key, so the cloud value is never wiped', () => {
    const missing = deploy({ ENV_ID: 'env-1' }, '--dry-run')
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('没有设置 VOUCHER_CODE_KEY')
    const short = deploy({ ENV_ID: 'env-1', VOUCHER_CODE_KEY: 'k'.repeat(31) }, '--dry-run')
    expect(short.status).toBe(1)
    expect(short.stderr).toContain('VOUCHER_CODE_KEY 太短')
  })

  test('refuses a template id that is not one, and a field mapping that does not read', () => {
    const run = deploy({ ENV_ID: 'env-1', VOUCHER_CODE_KEY: goodKey, SUBSCRIBE_TEMPLATE_CLAIM_DECIDED: 'claim' }, '--dry-run')
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('SUBSCRIBE_TEMPLATE_CLAIM_DECIDED')
    const fields = deploy({ ENV_ID: 'env-1', VOUCHER_CODE_KEY: goodKey, SUBSCRIBE_FIELDS_LISTING: 'list:phrase1,colour:thing2' }, '--dry-run')
    expect(fields.status).toBe(1)
    expect(fields.stderr).toContain('SUBSCRIBE_FIELDS_LISTING')
  })

  test('passes every variable cloudbaserc.json hands to the functions, an unset one as empty (never the placeholder)', () => {
    const passed = passedVariables()
    expect(passed).toEqual(expect.arrayContaining(['VOUCHER_CODE_KEY', 'SUBSCRIBE_TEMPLATE_CLAIM_DECIDED', 'SUBSCRIBE_FIELDS_CLAIM_TO_REVIEW', 'SUBSCRIBE_MINIPROGRAM_STATE']))
    const env = deployEnv({ VOUCHER_CODE_KEY: goodKey, SUBSCRIBE_TEMPLATE_LISTING: 'tpl-listing-0123456789abc' })
    for (const name of passed) expect(typeof env[name]).toBe('string')
    expect(env).toMatchObject({ VOUCHER_CODE_KEY: goodKey, SUBSCRIBE_TEMPLATE_LISTING: 'tpl-listing-0123456789abc', SUBSCRIBE_TEMPLATE_CLAIM_DECIDED: '' })
    // Every function that sends subscribe messages gets the template and fields of every message (the timer resends
    // any kind; a function that gains a message must not go out without its template).
    const rc = readCloudbaserc().functions as { name: string; envVariables?: Record<string, string> }[]
    const wanted = [...MESSAGE_KINDS.flatMap((k) => [templateEnv(k), fieldsEnv(k)]), 'SUBSCRIBE_MINIPROGRAM_STATE']
    const senders = deploymentPlan().functions.filter((f) => f.openapi.includes('subscribeMessage.send'))
    expect(senders.map((f) => f.name)).toEqual(expect.arrayContaining(['claims', 'jobs', 'voices']))
    for (const f of senders) expect(Object.keys(rc.find((r) => r.name === f.name)?.envVariables ?? {})).toEqual(expect.arrayContaining(wanted))
  })

  test('with a good environment, bundles then deploys every function with --force (no question on a redeploy), never printing the secret', () => {
    const run = deploy({ ENV_ID: 'env-1', VOUCHER_CODE_KEY: goodKey, TCB_SECRET_ID: 'id-1', TCB_SECRET_KEY: 'secret-1' }, '--dry-run')
    expect(run.status).toBe(0)
    const lines = run.stdout.split('\n').filter((l) => l.startsWith('将运行'))
    expect(lines[0]).toContain('npm run build:functions')
    expect(lines[1]).toContain('login --apiKeyId id-1 --apiKey ***')
    expect(lines[2]).toMatch(/tcb fn deploy --all --force -e env-1$/)
    expect(run.stdout).not.toContain('secret-1')
    expect(fs.existsSync(path.join(root, 'node_modules', '.bin', 'tcb'))).toBe(true)
  })
})
