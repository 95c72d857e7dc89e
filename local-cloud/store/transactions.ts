/**
 * Transactions: snapshot isolation with first-writer-wins locks, as in MongoDB. Writing a document that another
 * transaction holds, or that changed since this transaction's snapshot, is a `DATABASE_TRANSACTION_CONFLICT`, and the
 * loser is aborted here (the SDK retries without aborting it). A transaction idle for too long is abandoned: the
 * next one to start, or to want its lock, aborts it. Plain writes outside transactions commit through here too, as
 * they make a transaction holding the document lose.
 */
import { CloudError, conflict } from '../errors'
import { decodeDoc, encodeDoc } from './ejson'
import { type Change, type Doc, type Tables, newId } from './tables'
import { type ModifyOptions, type Modified, duplicate, nextVersion, prepareInsert } from './update'

/** A transaction idle for this long is abandoned: it is aborted and its locks released. */
const TX_IDLE_MS = 30_000

interface Tx {
  id: string
  snapshot: number
  writes: Map<string, Change>
  /** The version of each document this transaction read from committed storage (0 = absent). */
  seen: Map<string, number>
  state: 'active' | 'aborted' | 'committed'
  abortedBy?: 'conflict' | 'client' | 'timeout'
  touched: number
}

const key = (collection: string, id: string) => `${collection}\u0000${id}`

export class Transactions {
  private readonly txs = new Map<string, Tx>()
  private readonly locks = new Map<string, Tx>()

  constructor(private readonly tables: Tables) {}

  start(): string {
    this.sweep()
    const tx: Tx = {
      id: `tx_${newId()}`,
      snapshot: this.tables.seq,
      writes: new Map(),
      seen: new Map(),
      state: 'active',
      touched: Date.now(),
    }
    this.txs.set(tx.id, tx)
    return tx.id
  }

  /** `doc(id).get()` inside a transaction: its own writes, else the committed document as of its snapshot. */
  get(txId: unknown, collection: string, id: string): Doc | null {
    const tx = this.tx(txId)
    const info = this.tables.info(collection)
    const k = key(collection, id)
    const own = tx.writes.get(k)
    if (own) return own.doc ? structuredClone(own.doc) : null
    const row = this.tables.row(info, id)
    const v = row?.v ?? 0
    if (v > tx.snapshot) {
      // The committed document is newer than this transaction's snapshot; MongoDB would answer the old
      // version and fail the write later. We keep no old versions, so the conflict is reported now.
      this.abortTx(tx, 'conflict')
      throw conflict()
    }
    tx.seen.set(k, v)
    return row ? decodeDoc(row.doc) : null
  }

  insert(txId: unknown, collection: string, doc: Doc): string {
    const prepared = prepareInsert(doc)
    this.write(txId, collection, prepared._id, (current) => {
      if (current) throw duplicate(collection, prepared._id)
      return prepared
    })
    return prepared._id
  }

  modify(txId: unknown, collection: string, id: string, data: Record<string, unknown>, opts: Omit<ModifyOptions, 'multi'>): Modified {
    let updated = 0
    let upsertId: string | null = null
    this.write(txId, collection, id, (current) => {
      if (!current) {
        if (!opts.upsert) return undefined
        upsertId = id
        return nextVersion(id, { _id: id }, data, opts.merge)
      }
      const next = nextVersion(id, current, data, opts.merge)
      if (encodeDoc(next) === encodeDoc(current)) return undefined
      updated = 1
      return next
    })
    return { updated, upsertId }
  }

  remove(txId: unknown, collection: string, id: string): number {
    let deleted = 0
    this.write(txId, collection, id, (current) => {
      if (!current) return undefined
      deleted = 1
      return null
    })
    return deleted
  }

  commit(txId: unknown): void {
    const tx = this.tx(txId)
    const changes = [...tx.writes.values()]
    this.release(tx)
    tx.state = 'committed'
    this.txs.delete(tx.id)
    this.tables.write(changes)
  }

  /** `abortTransaction`: rolls back; answering an already-ended transaction is not an error. */
  abort(txId: unknown): void {
    const tx = typeof txId === 'string' ? this.txs.get(txId) : undefined
    if (tx && tx.state === 'active') this.abortTx(tx, 'client')
  }

  active(): number {
    let n = 0
    for (const tx of this.txs.values()) if (tx.state === 'active') n++
    return n
  }

  /**
   * Commits changes made outside any transaction. A plain write to a document that a transaction holds makes that
   * transaction lose, as its snapshot of the document is now stale.
   */
  commitPlain(changes: Change[]): void {
    if (changes.length === 0) return
    for (const c of changes) {
      const holder = this.locks.get(key(c.collection, c.id))
      if (holder) this.abortTx(holder, 'conflict')
    }
    this.tables.write(changes)
  }

  private tx(id: unknown): Tx {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined
    if (!tx) throw new CloudError('DATABASE_TRANSACTION_FAIL', `事务不存在或已结束：${String(id)}`)
    if (tx.state === 'aborted') {
      if (tx.abortedBy === 'conflict') throw conflict()
      throw new CloudError('DATABASE_TRANSACTION_FAIL', tx.abortedBy === 'timeout' ? '事务超时，已自动回滚' : '事务已回滚')
    }
    if (tx.state === 'committed') throw new CloudError('DATABASE_TRANSACTION_FAIL', '事务已提交')
    tx.touched = Date.now()
    return tx
  }

  /** Writes one document inside a transaction: `next` maps the current version to the new one (null deletes, undefined leaves it). */
  private write(txId: unknown, collection: string, id: string, next: (current: Doc | null) => Doc | null | undefined): boolean {
    const tx = this.tx(txId)
    const info = this.tables.info(collection)
    const k = key(collection, id)
    const holder = this.locks.get(k)
    if (holder && holder !== tx) {
      if (Date.now() - holder.touched > TX_IDLE_MS) {
        this.abortTx(holder, 'timeout')
      } else {
        this.abortTx(tx, 'conflict')
        throw conflict()
      }
    }
    let current: Doc | null
    const own = tx.writes.get(k)
    if (own) {
      current = own.doc
    } else {
      const row = this.tables.row(info, id)
      const v = row?.v ?? 0
      const seen = tx.seen.get(k)
      if (v > tx.snapshot || (seen !== undefined && seen !== v)) {
        this.abortTx(tx, 'conflict')
        throw conflict()
      }
      current = row ? decodeDoc(row.doc) : null
    }
    const result = next(current === null ? null : structuredClone(current))
    if (result === undefined) return false
    this.locks.set(k, tx)
    tx.writes.set(k, { collection, id, doc: result })
    return true
  }

  private abortTx(tx: Tx, by: NonNullable<Tx['abortedBy']>): void {
    if (tx.state !== 'active') return
    this.release(tx)
    tx.state = 'aborted'
    tx.abortedBy = by
    tx.writes.clear()
    tx.touched = Date.now()
  }

  private release(tx: Tx): void {
    for (const k of tx.writes.keys()) if (this.locks.get(k) === tx) this.locks.delete(k)
  }

  /** Ends abandoned transactions and forgets ended ones after a while. */
  private sweep(): void {
    const now = Date.now()
    for (const tx of this.txs.values()) {
      if (tx.state === 'active' && now - tx.touched > TX_IDLE_MS) this.abortTx(tx, 'timeout')
      else if (tx.state !== 'active' && now - tx.touched > 10 * TX_IDLE_MS) this.txs.delete(tx.id)
    }
  }
}
