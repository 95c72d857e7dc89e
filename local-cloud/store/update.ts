/**
 * A document's next version, the same in and out of transactions: a new document checked for insertion, MongoDB's
 * update operators applied through mingo (`doc.update`, `where().update`), or the whole document replaced
 * (`doc.set`). Pure: nothing here reads or writes the database.
 */
import 'mingo/init/system'
import { update as mingoUpdate } from 'mingo/updater'
import { CloudError, invalidParam } from '../errors'
import { type Doc, isPlainObject, newId } from './tables'

/**
 * How a write by query applies its data: to every match or the first (`multi`), as update operators or as the whole
 * new document (`merge`), inserting when nothing matches (`upsert`). In a transaction a write is by `_id`, never multi.
 */
export interface ModifyOptions {
  multi: boolean
  merge: boolean
  upsert: boolean
}

/** What a write by query did: documents changed, or the `_id` it inserted. */
export interface Modified {
  updated: number
  upsertId: string | null
}

/** A document to insert, with its `_id` (a new one when it has none). */
export function prepareInsert(doc: unknown): Doc {
  if (!isPlainObject(doc)) throw invalidParam('要插入的文档必须是对象')
  const id = doc._id === undefined ? newId() : doc._id
  if (typeof id !== 'string' || id.length === 0 || id.length > 128) throw invalidParam('_id 必须是非空字符串')
  return { ...doc, _id: id }
}

export function duplicate(collection: string, id: string): CloudError {
  return new CloudError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error: 集合 ${collection} 中已有 _id 为 ${id} 的文档`)
}

/** Applies MongoDB update operators; top-level plain fields are treated as `$set`. */
export function applyUpdate(current: Doc, data: Record<string, unknown>): Doc {
  if (!isPlainObject(data)) throw invalidParam('更新内容必须是对象')
  const next = structuredClone(current)
  const plain: Record<string, unknown> = {}
  const ops: [string, unknown][] = []
  for (const [k, v] of Object.entries(data)) {
    if (k.startsWith('$')) ops.push([k, v])
    else plain[k] = v
  }
  if (Object.keys(plain).length > 0) ops.unshift(['$set', plain])
  for (const [op, arg] of ops) {
    if (!isPlainObject(arg)) throw invalidParam(`更新操作符 ${op} 的参数必须是对象`)
    if (Object.keys(arg).some((p) => p === '_id' || p.startsWith('_id.'))) throw invalidParam('不能更新 _id 的值')
    try {
      mingoUpdate(next, { [op]: arg } as never)
    } catch (e) {
      throw invalidParam(`更新操作不合法（${op}）：${(e as Error).message}`)
    }
  }
  return next
}

function replaceWith(id: string, data: Record<string, unknown>): Doc {
  if (!isPlainObject(data)) throw invalidParam('文档内容必须是对象')
  if (Object.keys(data).some((k) => k.startsWith('$'))) throw invalidParam('set() 的内容不能包含更新操作符')
  if ('_id' in data && data._id !== id) throw invalidParam('不能更新 _id 的值')
  return { ...data, _id: id }
}

/**
 * The next version of the document `id`, now `current` (for an upsert, what the query describes: at least the
 * `_id`): with `merge` the data's operators applied to it, without it the data in its place.
 */
export const nextVersion = (id: string, current: Doc, data: Record<string, unknown>, merge: boolean): Doc =>
  merge ? applyUpdate(current, data) : replaceWith(id, data)
