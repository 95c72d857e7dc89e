/**
 * Starts the real local cloud (`local-cloud/main.ts`) as a child process on a free port with a
 * temporary data folder, and gives tests the ways a client reaches it: the real SDK, the function
 * gateway, and raw HTTP. `kill9()` ends it the hard way, for crash-safety tests.
 */
import tcb from '@cloudbase/node-sdk'
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')

export type App = ReturnType<typeof tcb.init>

export interface TestCloud {
  url: string
  dataDir: string
  process: ChildProcess
  output: () => string
  sdk: () => App
  /** Calls `/api/<fn>` as the local gateway does; `openid` null is an anonymous caller. */
  api: <T = unknown>(fn: string, action: string, input?: Record<string, unknown>, openid?: string | null) => Promise<ApiAnswer<T>>
  stats: () => Promise<Record<string, number>>
  /** Moves the functions' clock by `offsetMs` from now (0 puts it back): "a minute later" without waiting. */
  setClock: (offsetMs: number) => Promise<void>
  /** Stops it as Ctrl-C (SIGINT) or a service manager (SIGTERM) would, and answers its exit code. */
  stop: (signal?: 'SIGINT' | 'SIGTERM') => Promise<number | null>
  kill9: () => Promise<void>
}

export type ApiAnswer<T> = { ok: true; data: T } | { ok: false; code: string; message: string; details?: unknown }

const live = new Set<TestCloud>()

/** Stops every cloud a test file started and did not stop (a failed assertion must not leave a server running). */
export async function stopAllClouds(): Promise<void> {
  await Promise.all([...live].map((c) => c.kill9()))
}

export function tempDataDir(prefix = 'szjf-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/** `empty`: start as `DEMO=0 npm start` does, with every collection and no community (for `npm run setup`). */
export async function startCloud(options: { dataDir?: string; env?: Record<string, string>; empty?: boolean } = {}): Promise<TestCloud> {
  const dataDir = options.dataDir ?? tempDataDir()
  // node itself (not the tsx wrapper, which forks) so that kill -9 reaches the server process.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'local-cloud', 'main.ts')], {
    cwd: root,
    // The minute timer is off in tests so that request counts stay exact; jobs.test.ts calls the tick itself.
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SKIP_H5_BUILD: '1', TENCENTCLOUD: 'true', LOCAL_CLOUD_SCHEDULER: 'off', DEMO: options.empty ? '0' : '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`本地云 20 秒内没有启动：\n${out}`)), 20_000)
    const check = () => {
      // The banner ends with the Ctrl-C hint; wait for all of it.
      const m = out.includes('按 Ctrl-C 停止') && out.match(/本地云已启动：(http:\/\/127\.0\.0\.1:\d+)/)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`本地云退出了（${code}）：\n${out}`))
    })
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  void exited.then(() => live.delete(cloud))
  let app: App | undefined
  const cloud: TestCloud = {
    url,
    dataDir,
    process: child,
    output: () => out,
    sdk: () => (app ??= tcb.init({ env: 'local', serviceUrl: `${url}/admin`, secretId: 'test', secretKey: 'test' })),
    api: async (fn, action, input = {}, openid = null) => {
      const res = await fetch(`${url}/api/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
        body: JSON.stringify({ action, ...input }),
      })
      if (res.status !== 200) throw new Error(`/api/${fn} 答复了 HTTP ${res.status}`)
      return res.json()
    },
    stats: async () => ((await (await fetch(`${url}/_emulator/stats`)).json()) as { requests: Record<string, number> }).requests,
    setClock: async (offsetMs) => {
      const res = await fetch(`${url}/_emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs }) })
      if (res.status !== 200) throw new Error(`时钟没有调成：HTTP ${res.status}`)
    },
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal)
      await exited
      return child.exitCode
    },
    kill9: async () => {
      if (child.exitCode === null) child.kill('SIGKILL')
      await exited
    },
  }
  live.add(cloud)
  return cloud
}
