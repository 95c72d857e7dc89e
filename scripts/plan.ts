/**
 * The deployment plan: everything a CloudBase environment must have for this code base, read from the files that
 * decide it, so that the plan can never drift from them:
 * - collections and their indexes from cloudfunctions/_shared/collections.ts (the local cloud builds from the same list),
 *   each locked `ADMINONLY`: a mini-program client reads and writes only through the functions;
 * - the storage rule: a client reads only its own exports (photos are shown through the functions' temp URLs), and
 *   writes only under its own `evidence/<openid>/`;
 * - the functions from cloudbaserc.json (runtime, timers) and each function's config.json (`permissions.openapi`).
 * `npm run setup -- --plan` prints it; setup applies it; a test holds it against those files.
 */
import fs from 'node:fs'
import path from 'node:path'
import { COLLECTIONS } from '../cloudfunctions/_shared/collections'

export interface IndexPlan {
  name: string
  keys: { field: string; direction: 1 | -1 }[]
  unique?: boolean
}

export interface DeploymentPlan {
  collections: { name: string; acl: 'ADMINONLY'; indexes: IndexPlan[] }[]
  storageRule: { read: string | boolean; write: string | boolean }
  functions: { name: string; runtime: string; timers: { name: string; config: string }[]; openapi: string[] }[]
}

const root = path.resolve(__dirname, '..')

/** The runtime every function deploys with, and the esbuild target that matches it (scripts/build-functions.mjs). */
export const RUNTIME = 'Nodejs20.19'

/**
 * Storage: a client reads only the Excel files made for it (`exports/<openid>/`, fetched with `Taro.cloud.downloadFile`);
 * every photo is shown through the functions' temp URLs, checked per viewer. A signed-in client writes only into its own
 * evidence folder. The functions, as admin, are not bound by it.
 */
export const STORAGE_RULE = {
  read: "auth.openid != null && resource.path.indexOf('exports/' + auth.openid + '/') == 0",
  write: "auth.openid != null && resource.path.indexOf('evidence/' + auth.openid + '/') == 0 && (resource.openid == null || resource.openid == auth.openid)",
} as const

/**
 * One index declaration of collections.ts as CloudBase takes it: `'a.b'` is a single field; `'a,b'` is an equality
 * field then a sort field, read newest first (the sorted reads here page by the second field in both directions,
 * which one compound index serves).
 */
export function indexPlan(declaration: string): IndexPlan {
  const fields = declaration.split(',')
  return {
    name: `ix_${fields.join('_').replace(/\./g, '_')}`,
    keys: fields.map((field, i) => ({ field, direction: i === 0 ? 1 : -1 })),
  }
}

interface RcFunction {
  name: string
  runtime?: string
  triggers?: { name: string; type: string; config: string }[]
}

export function readCloudbaserc(): { functions: RcFunction[] } {
  return JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8')) as { functions: RcFunction[] }
}

/** The cloud-call permissions a function declares in its config.json (WeChat DevTools and the CLI upload it with the function). */
export function openapiOf(name: string): string[] {
  const file = path.join(root, 'cloudfunctions', name, 'config.json')
  if (!fs.existsSync(file)) return []
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { permissions?: { openapi?: string[] } }
  return config.permissions?.openapi ?? []
}

export function deploymentPlan(): DeploymentPlan {
  return {
    collections: Object.entries(COLLECTIONS).map(([name, spec]) => ({
      name,
      acl: 'ADMINONLY' as const,
      indexes: spec.indexes.map(indexPlan),
    })),
    storageRule: { ...STORAGE_RULE },
    functions: readCloudbaserc().functions.map((f) => ({
      name: f.name,
      runtime: f.runtime ?? RUNTIME,
      timers: (f.triggers ?? []).filter((t) => t.type === 'timer').map((t) => ({ name: t.name, config: t.config })),
      openapi: openapiOf(f.name),
    })),
  }
}
