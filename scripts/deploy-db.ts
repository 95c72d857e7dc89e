/**
 * Prepares a CloudBase environment's database: creates every collection in
 * cloudfunctions/_shared/collections.ts and prints the indexes to add in the CloudBase console
 * (the server SDK cannot create indexes). With --seed-demo it also writes the demo data.
 *
 *   ENV_ID=xxx TCB_SECRET_ID=... TCB_SECRET_KEY=... npm run deploy:db [-- --seed-demo]
 */
import tcb from '@cloudbase/node-sdk'
import { COLLECTIONS } from '../cloudfunctions/_shared/collections'
import { seedDemo } from '../cloudfunctions/_shared/seed'

async function main() {
  const { ENV_ID, TCB_SECRET_ID, TCB_SECRET_KEY } = process.env
  if (!ENV_ID || !TCB_SECRET_ID || !TCB_SECRET_KEY) {
    console.error('请设置环境变量 ENV_ID、TCB_SECRET_ID、TCB_SECRET_KEY（腾讯云 API 密钥）')
    process.exit(1)
  }
  const app = tcb.init({ env: ENV_ID, secretId: TCB_SECRET_ID, secretKey: TCB_SECRET_KEY })
  const db = app.database()
  for (const [name, spec] of Object.entries(COLLECTIONS)) {
    try {
      await db.createCollection(name)
      console.log(`已创建集合 ${name}`)
    } catch (e) {
      const code = (e as { code?: string }).code
      if (code !== 'DATABASE_COLLECTION_ALREADY_EXIST') throw e
      console.log(`集合 ${name} 已存在`)
    }
    const single = spec.indexes.filter((i) => !i.includes(','))
    const compound = spec.indexes.filter((i) => i.includes(','))
    if (single.length > 0) console.log(`  请在控制台为 ${name} 添加单字段索引：${single.join('、')}`)
    for (const c of compound) console.log(`  请在控制台为 ${name} 添加组合索引：${c.split(',').join(' + ')}（后一个字段降序）`)
  }
  if (process.argv.includes('--seed-demo')) {
    await seedDemo(db)
    console.log('已写入演示数据')
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
