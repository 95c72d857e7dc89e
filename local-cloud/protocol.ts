/**
 * The CloudBase wire protocol as `@cloudbase/node-sdk` speaks it (see shared/notes/cloudbase-protocol.md):
 * one POST per call with an `action`, answered with HTTP 200 and either the data the SDK reads or
 * `{ code, message }`, which the SDK throws as a TcbError.
 */
import { randomUUID } from 'node:crypto'
import { type Doc, type Filter, type FindOptions, type Store, encodeDoc, parseEJSON } from './database'
import { CloudError, invalidParam } from './errors'
import type { Functions } from './functions'
import type { Storage } from './storage'

export interface Services {
  store: Store
  storage: Storage
  functions: Functions
}

type Params = Record<string, unknown>
type Handler = (p: Params, s: Services) => Record<string, unknown> | Promise<Record<string, unknown>>

const asObject = (v: unknown, what: string): Record<string, unknown> => {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>
  throw invalidParam(`${what} 必须是对象`)
}
const filterOf = (p: Params): Filter => (parseEJSON(p.query, 'query') as Filter | undefined) ?? {}
const collectionOf = (p: Params): string => {
  if (typeof p.collectionName !== 'string' || !p.collectionName) throw invalidParam('缺少集合名 collectionName')
  return p.collectionName
}
const inTransaction = (p: Params) => typeof p.transactionId === 'string' && p.transactionId.length > 0

/** In a CloudBase transaction only single-document operations by `_id` are allowed. */
function docIdInTransaction(p: Params, query: Filter): string {
  const id = query._id
  const keys = Object.keys(query)
  if (p.queryType !== 'DOC' || p.multi === true || typeof id !== 'string' || keys.length !== 1) {
    throw new CloudError(
      'DATABASE_TRANSACTION_FAIL',
      '事务中只能按 _id 操作单个文档（doc(id)），不支持 where 条件查询、批量更新或删除',
    )
  }
  return id
}

function orderOf(raw: unknown): FindOptions['order'] {
  const parsed = parseEJSON(raw, 'order')
  if (parsed === undefined) return undefined
  const list = Array.isArray(parsed) ? parsed : [parsed]
  const order: Record<string, 1 | -1> = {}
  for (const item of list) {
    const obj = asObject(item, 'order')
    // The SDK sends [{ field: 1 | -1 }]; older versions sent [{ field, direction }].
    if (typeof obj.field === 'string') order[obj.field] = obj.direction === 'desc' ? -1 : 1
    else for (const [k, v] of Object.entries(obj)) order[k] = v === -1 || v === 'desc' ? -1 : 1
  }
  return order
}

function numberParam(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null) return undefined
  const n = Number(v)
  if (!Number.isInteger(n)) throw invalidParam(`${what} 必须是整数`)
  return n
}

function insertDocs(p: Params): Doc[] {
  const raw = Array.isArray(p.data) ? p.data : [p.data]
  if (raw.length === 0 || raw.some((d) => d === undefined)) throw invalidParam('data 不能为空')
  return raw.map((d) => asObject(parseEJSON(d, 'data'), 'data') as Doc)
}

const database: Record<string, Handler> = {
  'database.addCollection': (p, { store }) => {
    store.createCollection(collectionOf(p))
    return {}
  },

  'database.getDocument': (p, { store }) => {
    const collection = collectionOf(p)
    const query = filterOf(p)
    const projection = parseEJSON(p.projection, 'projection') as Record<string, unknown> | undefined
    if (inTransaction(p)) {
      const id = docIdInTransaction(p, query)
      let doc = store.txGet(p.transactionId, collection, id)
      if (doc && projection) doc = store.project([doc], projection)[0]
      return { data: { list: doc ? [encodeDoc(doc)] : [] } }
    }
    const limit = numberParam(p.limit, 'limit')
    const offset = numberParam(p.offset, 'offset') ?? 0
    // A read by id with no projection answers the stored text as it is.
    if (p.queryType === 'DOC' && typeof query._id === 'string' && Object.keys(query).length === 1 && !projection) {
      const text = store.getText(collection, query._id)
      return { data: { list: text ? [text] : [] }, limit: 1, offset: 0 }
    }
    const list = store.findEncoded(collection, query, {
      order: orderOf(p.order),
      offset,
      limit: p.queryType === 'DOC' ? 1 : limit,
      projection,
    })
    return { data: { list }, limit: limit ?? 100, offset }
  },

  'database.calculateDocument': (p, { store }) => ({ data: { total: store.count(collectionOf(p), filterOf(p)) } }),

  'database.insertDocument': (p, { store }) => {
    const collection = collectionOf(p)
    const docs = insertDocs(p)
    if (inTransaction(p)) {
      if (docs.length !== 1) throw new CloudError('DATABASE_TRANSACTION_FAIL', '事务中一次只能插入一个文档')
      return { data: { insertedIds: [store.txInsert(p.transactionId, collection, docs[0])] } }
    }
    return { data: { insertedIds: store.insert(collection, docs) } }
  },

  'database.modifyDocument': (p, { store }) => {
    const collection = collectionOf(p)
    const query = filterOf(p)
    const data = asObject(parseEJSON(p.data, 'data'), 'data')
    const merge = p.merge !== false
    const upsert = p.upsert === true
    if (inTransaction(p)) {
      const id = docIdInTransaction(p, query)
      const r = store.txModify(p.transactionId, collection, id, data, { merge, upsert })
      return { data: { updated: r.updated, upsert_id: r.upsertId } }
    }
    const r = store.modify(collection, query, data, { multi: p.multi === true, merge, upsert })
    return { data: { updated: r.updated, upsert_id: r.upsertId } }
  },

  'database.modifyAndReturnDoc': (p, { store }) => {
    const collection = collectionOf(p)
    const query = filterOf(p)
    const data = asObject(parseEJSON(p.data, 'data'), 'data')
    if (inTransaction(p)) {
      const id = docIdInTransaction({ ...p, queryType: 'DOC' }, query)
      const r = store.txModify(p.transactionId, collection, id, data, { merge: true, upsert: false })
      const doc = store.txGet(p.transactionId, collection, id)
      return { data: { updated: r.updated, doc: doc ? encodeDoc(doc) : null } }
    }
    const r = store.modify(collection, query, data, { multi: false, merge: true, upsert: false })
    return { data: { updated: r.updated, doc: r.docs[0] ? encodeDoc(r.docs[0]) : null } }
  },

  'database.removeDocument': (p, { store }) => {
    const collection = collectionOf(p)
    const query = filterOf(p)
    if (inTransaction(p)) {
      return { data: { deleted: store.txRemove(p.transactionId, collection, docIdInTransaction(p, query)) } }
    }
    return { data: { deleted: store.remove(collection, query, p.multi === true) } }
  },

  'database.aggregateDocuments': (p, { store }) => {
    const collection = collectionOf(p)
    if (!Array.isArray(p.stages)) throw invalidParam('stages 必须是数组')
    const pipeline = p.stages.map((stage) => {
      const { stageKey, stageValue } = asObject(stage, 'stage')
      if (typeof stageKey !== 'string' || !stageKey.startsWith('$')) throw invalidParam('聚合阶段名必须以 $ 开头')
      return { [stageKey]: parseEJSON(stageValue, stageKey) }
    })
    return { data: { list: store.aggregate(collection, pipeline).map(encodeDoc) } }
  },

  'database.startTransaction': (_p, { store }) => ({ transactionId: store.startTransaction() }),

  'database.commitTransaction': (p, { store }) => {
    store.commit(p.transactionId)
    return {}
  },

  'database.abortTransaction': (p, { store }) => {
    store.abort(p.transactionId)
    return {}
  },
}

const storage: Record<string, Handler> = {
  'storage.getUploadMetadata': (p, { storage }) => ({ data: storage.uploadMetadata(p.path) }),
  'storage.batchGetDownloadUrl': (p, { storage }) => ({ data: { download_list: storage.downloadUrls(p.file_list) } }),
  'storage.batchDeleteFile': (p, { storage }) => ({ data: { delete_list: storage.deleteFiles(p.fileid_list) } }),
  'storage.batchCopyFile': (p, { storage }) => ({ data: { copy_list: storage.copyFiles(p.file_list) } }),
}

const functions: Record<string, Handler> = {
  'functions.invokeFunction': async (p, { functions }) => {
    if (typeof p.function_name !== 'string' || !p.function_name) throw invalidParam('缺少函数名 function_name')
    let event: unknown = {}
    if (typeof p.request_data === 'string' && p.request_data !== '') {
      try {
        event = JSON.parse(p.request_data)
      } catch {
        throw invalidParam('request_data 不是合法的 JSON')
      }
    }
    if (!functions.has(p.function_name)) {
      throw new CloudError('FUNCTIONS_NOT_FOUND', `云函数不存在：${p.function_name}`)
    }
    // Called with admin credentials, the function runs with no WeChat caller, as in the cloud.
    const result = await functions.invoke(p.function_name, event, null)
    return { data: { response_data: JSON.stringify(result ?? null) } }
  },
}

// WeChat's cloud calls (`wx.openApi`, as wx-server-sdk's cloud.openapi sends them) come as a form with a protobuf
// inside, not as JSON: local-cloud/wechat.ts answers them. The JSON `wx.api` path is not used, so not emulated.

export const ACTIONS: Record<string, Handler> = { ...database, ...storage, ...functions }

/** Runs one SDK call; always resolves to the body to answer with HTTP 200. */
export async function handleAction(body: unknown, services: Services): Promise<Record<string, unknown>> {
  const requestId = randomUUID()
  try {
    const params = asObject(body, '请求体')
    const action = params.action
    if (typeof action !== 'string') throw invalidParam('缺少 action')
    const handler = ACTIONS[action]
    if (!handler) throw new CloudError('INVALID_ACTION', `不支持的操作：${action}`)
    return { requestId, ...(await handler(params, services)) }
  } catch (e) {
    if (e instanceof CloudError) return { requestId, code: e.code, message: e.message }
    console.error('[local-cloud] 处理请求时出错：', e)
    return { requestId, code: 'SYS_ERR', message: `本地云内部错误：${(e as Error).message}` }
  }
}
