/**
 * `npm start`: builds the h5 app when its sources are newer than the build, then serves everything
 * on 127.0.0.1:$PORT (default 10086) with the data in $DATA_DIR (default .data/). Ctrl-C stops it
 * cleanly; the data stays.
 * An empty data folder gets the demo data; with DEMO=0 it stays empty (every collection, no community) for
 * `npm run setup`. Either way the folder is marked as set up, so a later start never seeds into real data.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { COLLECTIONS } from '../cloudfunctions/_shared/collections'
import { database } from '../cloudfunctions/_shared/cloud'
import { DEMO_IDS, seedDemo } from '../cloudfunctions/_shared/seed'
import { DEMO_USERS } from '../src/core/demo'
import { startLocalCloud } from './server'

const root = path.resolve(__dirname, '..')

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0
  const stat = fs.statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)))
  return newest
}

/** The h5 build is stale when any source or config file is newer than its index.html. */
export function h5IsStale(): boolean {
  const built = path.join(root, 'dist-h5', 'index.html')
  if (!fs.existsSync(built)) return true
  const sources = Math.max(
    newestMtime(path.join(root, 'src')),
    newestMtime(path.join(root, 'config')),
    newestMtime(path.join(root, 'package.json')),
  )
  return sources > fs.statSync(built).mtimeMs
}

async function main() {
  const port = Number(process.env.PORT ?? 10086)
  const dataDir = path.resolve(root, process.env.DATA_DIR ?? '.data')
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 不合法：${process.env.PORT}`)

  if (process.env.SKIP_H5_BUILD !== '1' && h5IsStale()) {
    console.log('h5 页面需要重新构建，正在构建（约半分钟）…')
    const build = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
    if (build.status !== 0) throw new Error('h5 构建失败，见上面的输出')
  }

  const demo = process.env.DEMO !== '0'
  const cloud = await startLocalCloud({
    port,
    dataDir,
    collections: COLLECTIONS,
    seed: async () => {
      if (!demo) return void console.log('数据目录是空的，DEMO=0：不写入演示数据，只建好全部集合。')
      console.log('数据目录是空的，正在写入演示数据…')
      await seedDemo(database())
    },
  })
  // What the banner says: how to start when there is no community yet; the demo people when they are there.
  const [communities, demoCommunity] = await Promise.all([
    database().collection('orgNodes').where({ type: 'community' }).count(),
    database().collection('orgNodes').doc(DEMO_IDS.community).get(),
  ])

  // The local stand-in for the timer triggers in cloudbaserc.json: run now (catching up on whatever fell
  // due while the server was down), then on schedule.
  const tick = () =>
    cloud.functions
      .invoke('jobs', { Type: 'Timer', TriggerName: 'tick' }, null)
      .then((r) => {
        const answer = r as { ok: boolean; message?: string }
        if (!answer.ok) console.error('定时任务失败：', answer.message)
      })
      .catch((e) => console.error('定时任务失败：', e))
  if (cloud.functions.has('jobs') && process.env.LOCAL_CLOUD_SCHEDULER !== 'off') {
    // The catch-up finishes before the server says it is ready.
    await tick()
    setInterval(tick, 60_000).unref()
  }

  // One write, so that whoever reads the banner gets all of it at once.
  console.log(
    [
      '',
      `善治积分 本地云已启动：${cloud.url}`,
      `  数据目录：${dataDir}`,
      `  SDK 地址：${cloud.url}/admin（env "local"，secretId/secretKey 任意非空）`,
      `  云函数：${cloud.functions.names().map((n) => `/api/${n}`).join('  ')}`,
      ...(communities.total === 0
        ? [
            '  云是空的：还没有社区、人员和演示数据。创建第一个社区：',
            `    npm run setup -- --community 社区名称 --local ${cloud.url}`,
            '  它打印一个管理员邀请码；第一位用它加入的人成为这个社区的管理员。',
          ]
        : demoCommunity.data.length > 0
          ? ['  演示用户（在 h5 的「切换身份」页选择，或在请求头 x-wx-openid 中填写）：', ...DEMO_USERS.map((u) => `    ${u.openid.padEnd(16)} ${u.name}  ${u.label}`)]
          : [`  社区：${communities.total} 个（用各自的邀请码加入）`]),
      '按 Ctrl-C 停止。',
    ].join('\n'),
  )
  // A parent that started this with an IPC channel (tests/support/cloud.ts) is told here, after the banner, that it is
  // ready and where: no one has to read the banner's words for that.
  process.send?.({ type: 'ready', url: cloud.url })

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n收到 ${signal}，正在停止…`)
    await cloud.close()
    console.log('已停止，数据已保存。')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((e) => {
  if ((e as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    console.error(`端口 ${process.env.PORT ?? 10086} 已被占用：可能本地云已经在运行，或换一个端口，例如 PORT=10087 npm start`)
  } else {
    console.error(e instanceof Error ? e.message : e)
  }
  process.exit(1)
})
