/**
 * Writes outside transactions — `add`, `doc.set`, `doc.update`, `where().update()`, `remove()` — each one commit,
 * atomic with respect to every other request (better-sqlite3 is synchronous and Node runs one handler at a time).
 */
import { encodeDoc } from './ejson'
import { compileQuery, type Reader } from './query'
import { type Change, type Doc, type Filter, type Tables, isPlainObject, newId } from './tables'
import type { Transactions } from './transactions'
import { type ModifyOptions, type Modified, duplicate, nextVersion, prepareInsert } from './update'

export class Writes {
  constructor(
    private readonly tables: Tables,
    private readonly reader: Reader,
    private readonly transactions: Transactions,
  ) {}

  insert(collection: string, docs: Doc[]): string[] {
    const info = this.tables.info(collection)
    const prepared = docs.map((d) => prepareInsert(d))
    const seen = new Set<string>()
    for (const d of prepared) {
      if (seen.has(d._id) || this.tables.row(info, d._id)) throw duplicate(collection, d._id)
      seen.add(d._id)
    }
    this.transactions.commitPlain(prepared.map((doc) => ({ collection, id: doc._id, doc })))
    return prepared.map((d) => d._id)
  }

  /**
   * Updates documents matching `query`. `merge` applies update operators (`doc.update`, `where().update`);
   * without it the data replaces the document (`doc.set`). `upsert` inserts when nothing matches.
   */
  modify(collection: string, query: Filter, data: Record<string, unknown>, opts: ModifyOptions): Modified & { docs: Doc[] } {
    const info = this.tables.info(collection)
    const targets = this.reader.targets(info, query, compileQuery(query), opts.multi)
    const changes: Change[] = []
    const docs: Doc[] = []
    for (const current of targets) {
      const next = nextVersion(current._id, current, data, opts.merge)
      docs.push(next)
      if (encodeDoc(next) !== encodeDoc(current)) changes.push({ collection, id: current._id, doc: next })
    }
    let upsertId: string | null = null
    if (targets.length === 0 && opts.upsert) {
      const id = typeof query._id === 'string' ? query._id : newId()
      const base: Doc = { _id: id }
      for (const [k, v] of Object.entries(query)) if (!k.startsWith('$') && !isPlainObject(v) && k !== '_id') base[k] = v
      const doc = nextVersion(id, base, data, opts.merge)
      changes.push({ collection, id, doc })
      docs.push(doc)
      upsertId = id
    }
    this.transactions.commitPlain(changes)
    return { updated: upsertId ? 0 : changes.length, upsertId, docs }
  }

  remove(collection: string, query: Filter, multi: boolean): number {
    const info = this.tables.info(collection)
    const targets = this.reader.targets(info, query, compileQuery(query), multi)
    this.transactions.commitPlain(targets.map((d) => ({ collection, id: d._id, doc: null })))
    return targets.length
  }
}
