/**
 * Starts the real local cloud (`local-cloud/main.ts`) as a child process on a free port with a
 * temporary data folder, and gives tests the ways a client reaches it: the real SDK, the function
 * gateway, and raw HTTP. It is ready when the child says so over its IPC channel. `kill9()` ends it the hard way, for
 * crash-safety tests.
 */
import tcb from '@cloudbase/node-sdk'
import type { ActionName, FunctionName, Input, Output } from '../../src/api/contract'
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
  api: CallApi
  stats: () => Promise<Record<string, number>>
  /** Moves the functions' clock by `offsetMs` from now (0 puts it back): "a minute later" without waiting. */
  setClock: (offsetMs: number) => Promise<void>
  /** How the WeChat platform stand-in behaves from now on (POST /_emulator/wechat), e.g. `{ down: true }`. */
  setPlatform: (control: Record<string, unknown>) => Promise<void>
  /** Stops it as Ctrl-C (SIGINT) or a service manager (SIGTERM) would, and answers its exit code. */
  stop: (signal?: 'SIGINT' | 'SIGTERM') => Promise<number | null>
  kill9: () => Promise<void>
}

/** Calls `/api/<fn>` as the local gateway does; `openid` null is an anonymous caller. */
export interface CallApi {
  /** A call the contract knows: its input and its answer are typed from the function's action table (src/api/contract.ts). */
  <F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input?: Input<F, A>, openid?: string | null): Promise<ApiAnswer<Output<F, A>>>
  /** Any other call, the answer typed by the test: the inputs a function must refuse, the jobs function. */
  <T = unknown>(fn: string, action: string, input?: Record<string, unknown>, openid?: string | null): Promise<ApiAnswer<T>>
}

export type ApiAnswer<T> = { ok: true; data: T } | { ok: false; code: string; message: string; details?: unknown }

/** The data of an answer that must be ok; otherwise throws with its code and message (after `what`, when given: "申报失败：…"). */
export async function ok<T>(answer: Promise<ApiAnswer<T>>, what?: string): Promise<T> {
  const a = await answer
  if (!a.ok) throw new Error(`${what ? `${what}失败：` : ''}${a.code} ${a.message}`)
  return a.data
}

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
    // An IPC channel: the server says it is ready with a message (local-cloud/main.ts), not in words to be matched.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`本地云 20 秒内没有启动：\n${out}`)), 20_000)
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message?.type !== 'ready' || typeof message.url !== 'string') return
      clearTimeout(timer)
      child.disconnect()
      // The banner was written before the message was sent; setImmediate lets this turn's reads of stdout land first,
      // so output() holds all of it.
      setImmediate(() => resolve(message.url!))
    })
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
    api: (async (fn: string, action: string, input: object = {}, openid: string | null = null) => {
      const res = await fetch(`${url}/api/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
        body: JSON.stringify({ action, ...input }),
      })
      if (res.status !== 200) throw new Error(`/api/${fn} 答复了 HTTP ${res.status}`)
      return res.json()
    }) as CallApi,
    stats: async () => ((await (await fetch(`${url}/_emulator/stats`)).json()) as { requests: Record<string, number> }).requests,
    setClock: async (offsetMs) => {
      const res = await fetch(`${url}/_emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs }) })
      if (res.status !== 200) throw new Error(`时钟没有调成：HTTP ${res.status}`)
    },
    setPlatform: async (control) => {
      const res = await fetch(`${url}/_emulator/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(control) })
      if (res.status !== 200) throw new Error(`/_emulator/wechat 答复 HTTP ${res.status}`)
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

/**
 * A second community beside the demo's (福禄镇斑竹村, `other-community`) with its own admin (`other-admin`), written as
 * the store holds them: what a test needs to show that one community never sees or touches another's.
 */
export async function addOtherCommunity(cloud: TestCloud): Promise<void> {
  const db = cloud.sdk().database()
  await db.collection('orgNodes').doc('other-community').set({ type: 'community', name: '福禄镇斑竹村', parentId: null, communityId: 'other-community', path: ['other-community'] })
  await db.collection('users').doc('other-admin').set({ name: '何雄梅', communityId: 'other-community', residentId: null, roles: [{ role: 'admin', nodeId: 'other-community' }] })
}
