/**
 * `npm run bench:emulator` — the local cloud's performance, as ratios measured in one run (the machine
 * is shared and noisy, so absolute times mean little):
 *   1. a read by id through /admin vs a bare node:http JSON echo server (same client, same body);
 *   2. a leaderboard page (`where({ bucket }).orderBy('scoreTenths', 'desc').skip(n).limit(20)`, served by the
 *      sorted index 'bucket,scoreTenths') with 1,000 and with 10,000 documents in the bucket (flatness);
 *   3. an indexed equality query vs a read by id, at 10,000 and at 100,000 documents (flatness);
 *   4. the emulator's resident memory with 100,000 documents stored;
 *   5. the weapp main package size (when dist/ has been built).
 */
process.env.TENCENTCLOUD = 'true'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { startCloud } from '../support/cloud'

const root = path.resolve(__dirname, '../..')
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

function post(url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** Median time of one call, in microseconds, over `n` sequential calls after a warm-up. */
async function timeEach(n: number, call: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(200, n); i++) await call(i)
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint()
    await call(i)
    times.push(Number(process.hrtime.bigint() - t) / 1000)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

/** A bare node:http server that answers each JSON body with a small JSON document: the transport floor. */
async function startEchoServer(): Promise<{ url: string; stop: () => void }> {
  const code = `
    const http = require('node:http')
    const server = http.createServer((req, res) => {
      const chunks = []
      req.on('data', (c) => chunks.push(c))
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        const text = JSON.stringify({ requestId: 'echo', data: { list: [JSON.stringify({ _id: body.query, echo: true })] } })
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
        res.end(text)
      })
    })
    server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port))`
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve) => {
    child.stdout!.on('data', (d) => {
      const m = String(d).match(/PORT (\d+)/)
      if (m) resolve(Number(m[1]))
    })
  })
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() }
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0)
  return kb / 1024
}

async function insertResidents(adminUrl: string, from: number, to: number, households: number): Promise<void> {
  for (let start = from; start < to; start += 1000) {
    const data = []
    for (let i = start; i < Math.min(to, start + 1000); i++) {
      data.push(
        JSON.stringify({
          _id: `bench-r-${i}`,
          name: `居民${i}`,
          communityId: 'bench-community',
          householdId: `bench-hh-${i % households}`,
          courtyardId: `bench-cy-${i % 900}`,
          birthYear: 1940 + (i % 60),
          tags: ['bench'],
        }),
      )
    }
    const answer = JSON.parse(await post(adminUrl, JSON.stringify({ action: 'database.insertDocument', collectionName: 'residents', data })))
    if (answer.code) throw new Error(`插入失败：${answer.code} ${answer.message}`)
  }
}

const BENCH_BUCKET = 'bench|resident|2026-11'

/** Period scores of one bucket; scores repeat (ties), as real ones do. */
async function insertAccounts(adminUrl: string, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += 1000) {
    const data = []
    for (let i = start; i < Math.min(to, start + 1000); i++) {
      data.push(JSON.stringify({ _id: `bench-sc-${i}`, bucket: BENCH_BUCKET, communityId: 'bench-community', residentId: `bench-r-${i}`, scoreTenths: (i * 7919) % 2503 }))
    }
    const answer = JSON.parse(await post(adminUrl, JSON.stringify({ action: 'database.insertDocument', collectionName: 'accounts', data })))
    if (answer.code) throw new Error(`插入失败：${answer.code} ${answer.message}`)
  }
}

async function main() {
  const results: string[] = []
  const note = (line: string) => {
    console.log(line)
    results.push(line)
  }
  const cloud = await startCloud()
  const adminUrl = `${cloud.url}/admin?env=local`
  const echo = await startEchoServer()
  try {
    const N = 2000
    const readBody = (id: string) =>
      JSON.stringify({ action: 'database.getDocument', collectionName: 'residents', queryType: 'DOC', query: JSON.stringify({ _id: id }), multi: false })
    const queryBody = (householdId: string) =>
      JSON.stringify({ action: 'database.getDocument', collectionName: 'residents', queryType: 'WHERE', query: JSON.stringify({ householdId }), limit: 100 })

    // 1. Transport floor vs a read by id.
    const echoUs = await timeEach(N, () => post(echo.url, readBody('demo-r-resident')))
    const readUs0 = await timeEach(N, () => post(adminUrl, readBody('demo-r-resident')))
    note(`按 _id 读一个文档：${readUs0.toFixed(0)} µs；裸 node:http JSON 回声：${echoUs.toFixed(0)} µs；比值 ${(readUs0 / echoUs).toFixed(2)}×（目标 ≤ 2×）`)
    const sdkDb = cloud.sdk().database()
    const sdkUs = await timeEach(500, () => sdkDb.collection('residents').doc('demo-r-resident').get())
    note(`（参考）经真实 SDK 的 doc().get()：${sdkUs.toFixed(0)} µs，含 SDK 自身的签名与封装开销`)

    // 2. A leaderboard page with 1,000 and with 10,000 documents in the bucket.
    const boardBody = (offset: number) =>
      JSON.stringify({
        action: 'database.getDocument',
        collectionName: 'accounts',
        queryType: 'WHERE',
        query: JSON.stringify({ bucket: BENCH_BUCKET }),
        order: JSON.stringify([{ scoreTenths: -1 }]),
        offset,
        limit: 20,
      })
    const measureBoard = async (size: number) => {
      const answer = JSON.parse(await post(adminUrl, boardBody(500)))
      const scores = (answer.data?.list ?? []).map((text: string) => JSON.parse(text).scoreTenths as number)
      if (scores.length !== 20 || scores.some((s: number, i: number) => i > 0 && s > scores[i - 1])) throw new Error(`排行榜一页不对（${size} 条）：${JSON.stringify(answer).slice(0, 300)}`)
      return { first: await timeEach(300, () => post(adminUrl, boardBody(0))), deep: await timeEach(300, () => post(adminUrl, boardBody(500))) }
    }
    await insertAccounts(adminUrl, 0, 1_000)
    const board1k = await measureBoard(1_000)
    await insertAccounts(adminUrl, 1_000, 10_000)
    const board10k = await measureBoard(10_000)
    note(`排行榜一页（桶内 1 千条）：第 1 页 ${board1k.first.toFixed(0)} µs，跳过 500 条 ${board1k.deep.toFixed(0)} µs`)
    note(`排行榜一页（桶内 1 万条）：第 1 页 ${board10k.first.toFixed(0)} µs，跳过 500 条 ${board10k.deep.toFixed(0)} µs`)
    note(`桶从 1 千条增长到 1 万条，排行榜一页耗时之比：第 1 页 ${(board10k.first / board1k.first).toFixed(2)}×，跳过 500 条 ${(board10k.deep / board1k.deep).toFixed(2)}×（目标 ≤ 1.5×）`)

    // 3. Indexed equality at 10k and 100k documents.
    const households = 25_000
    const measureAt = async (size: number) => {
      const readUs = await timeEach(N, (i) => post(adminUrl, readBody(`bench-r-${(i * 7919) % size}`)))
      const queryUs = await timeEach(N, (i) => post(adminUrl, queryBody(`bench-hh-${(i * 104729) % Math.min(households, size)}`)))
      return { readUs, queryUs }
    }
    let t = Date.now()
    await insertResidents(adminUrl, 0, 10_000, households)
    const at10k = await measureAt(10_000)
    note(`1 万文档（写入 ${((Date.now() - t) / 1000).toFixed(1)} 秒）：索引等值查询 ${at10k.queryUs.toFixed(0)} µs，按 _id 读 ${at10k.readUs.toFixed(0)} µs，比值 ${(at10k.queryUs / at10k.readUs).toFixed(2)}×`)
    t = Date.now()
    await insertResidents(adminUrl, 10_000, 100_000, households)
    const at100k = await measureAt(100_000)
    note(`10 万文档（写入 ${((Date.now() - t) / 1000).toFixed(1)} 秒）：索引等值查询 ${at100k.queryUs.toFixed(0)} µs，按 _id 读 ${at100k.readUs.toFixed(0)} µs，比值 ${(at100k.queryUs / at100k.readUs).toFixed(2)}×（目标 ≤ 3×）`)
    note(`随集合从 1 万增长到 10 万，索引查询耗时之比 ${(at100k.queryUs / at10k.queryUs).toFixed(2)}×（平坦 ≈ 1×）`)
    const count = JSON.parse(await post(adminUrl, JSON.stringify({ action: 'database.calculateDocument', collectionName: 'residents', query: '{}' })))
    const scanUs = await timeEach(20, () => post(adminUrl, JSON.stringify({ action: 'database.getDocument', collectionName: 'residents', queryType: 'WHERE', query: JSON.stringify({ name: '居民99999' }), limit: 10 })))
    note(`（参考）同样大小下不走索引的查询（全表扫描 ${count.data.total} 条）：${(scanUs / 1000).toFixed(0)} ms`)

    // 4. Memory with 100k documents stored.
    note(`存有 ${count.data.total} 个文档时，本地云进程常驻内存 ${rssMb(cloud.process.pid!).toFixed(0)} MB（目标 < 200 MB）`)
  } finally {
    echo.stop()
    await cloud.stop()
    fs.rmSync(cloud.dataDir, { recursive: true, force: true })
  }

  // 5. The weapp main package.
  if (fs.existsSync(path.join(root, 'dist', 'app.json'))) {
    const size = spawnSync(process.execPath, [path.join(root, 'scripts', 'weapp-size.mjs')], { encoding: 'utf8' })
    note(size.stdout.trim())
  } else {
    note('weapp 尚未构建（npm run build:weapp），跳过主包大小')
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
