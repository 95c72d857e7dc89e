/**
 * Cloud storage of the local cloud: files on disk under `<dataDir>/files/`, their metadata in SQLite,
 * uploads through short-lived signed PUT URLs (as COS does for the SDK), downloads through expiring
 * signed temp URLs whose tokens are opaque (the SDK runs encodeURI over them).
 */
import type Database from 'better-sqlite3'
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { detectImageKind, IMAGE_MIME } from '../src/core/image'
import { CloudError, invalidParam } from './errors'

export interface StoredFile {
  fileID: string
  cloudPath: string
  size: number
  sha256: string
  contentType: string
  owner: string | null
  createdAt: string
}

/** The most the storage accepts in one upload; evidence has its own, smaller limit. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024
const UPLOAD_TICKET_SECONDS = 600
const DEFAULT_URL_SECONDS = 86_400

const EXTENSION_TYPES: Record<string, string> = {
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.gif': 'image/gif',
}

export class Storage {
  private readonly root: string

  constructor(
    private readonly db: Database.Database,
    dataDir: string,
    private readonly env: string,
    private readonly secret: Buffer,
    private readonly baseUrl: () => string,
    private readonly now: () => number = Date.now,
  ) {
    this.root = path.join(dataDir, 'files')
    fs.mkdirSync(this.root, { recursive: true })
    db.exec(`CREATE TABLE IF NOT EXISTS _files (
      cloud_path TEXT PRIMARY KEY, size INTEGER NOT NULL, sha256 TEXT NOT NULL, content_type TEXT NOT NULL,
      owner TEXT, created_at TEXT NOT NULL)`)
    db.exec('CREATE INDEX IF NOT EXISTS _files_sha256 ON _files (sha256)')
    db.exec('CREATE INDEX IF NOT EXISTS _files_owner ON _files (owner, created_at)')
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.env}.${this.env}-local-bucket/${cloudPath}`
  }

  /** The cloud path inside a fileID, or null for a fileID of another environment or a malformed one. */
  cloudPathOf(fileID: unknown): string | null {
    if (typeof fileID !== 'string') return null
    const prefix = `cloud://${this.env}.${this.env}-local-bucket/`
    if (!fileID.startsWith(prefix)) return null
    try {
      return checkCloudPath(fileID.slice(prefix.length))
    } catch {
      return null
    }
  }

  // ---------------------------------------------------------------- signed tokens

  private sign(payload: object): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
    const mac = createHmac('sha256', this.secret).update(body).digest('base64url')
    return `${body}.${mac}`
  }

  private verify(token: string): Record<string, unknown> | null {
    const [body, mac] = token.split('.')
    if (!body || !mac) return null
    const expected = createHmac('sha256', this.secret).update(body).digest()
    const given = Buffer.from(mac, 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
    } catch {
      return null
    }
  }

  // ---------------------------------------------------------------- SDK actions

  /** `storage.getUploadMetadata`: a signed URL the SDK then PUTs the bytes to. */
  uploadMetadata(cloudPathParam: unknown) {
    const cloudPath = checkCloudPath(cloudPathParam)
    const token = this.sign({ p: cloudPath, e: this.now() + UPLOAD_TICKET_SECONDS * 1000, n: randomBytes(6).toString('hex') })
    return {
      url: `${this.baseUrl()}/_storage/upload/${token}`,
      token: '',
      authorization: 'local',
      fileId: this.fileId(cloudPath),
      cosFileId: `local-${randomBytes(8).toString('hex')}`,
    }
  }

  /** The cloud path an upload ticket allows, or an error message. */
  checkUploadTicket(token: string): { cloudPath: string } | { error: string } {
    const payload = this.verify(token)
    if (!payload || typeof payload.p !== 'string' || typeof payload.e !== 'number') return { error: '上传凭证无效' }
    if (payload.e < this.now()) return { error: '上传凭证已过期' }
    return { cloudPath: payload.p }
  }

  /** Stores bytes durably: written to a temporary file, flushed, renamed, then recorded. */
  put(cloudPathParam: string, bytes: Buffer, owner: string | null): StoredFile {
    const cloudPath = checkCloudPath(cloudPathParam)
    if (bytes.length > MAX_UPLOAD_BYTES) throw invalidParam(`文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`)
    const target = this.diskPath(cloudPath)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`
    const fd = fs.openSync(tmp, 'w')
    try {
      fs.writeSync(fd, bytes)
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, target)
    const file: StoredFile = {
      fileID: this.fileId(cloudPath),
      cloudPath,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      contentType: contentTypeOf(cloudPath, bytes),
      owner,
      createdAt: new Date(this.now()).toISOString(),
    }
    this.db
      .prepare(
        `INSERT INTO _files (cloud_path, size, sha256, content_type, owner, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(cloud_path) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256,
           content_type = excluded.content_type, owner = excluded.owner, created_at = excluded.created_at`,
      )
      .run(cloudPath, file.size, file.sha256, file.contentType, owner, file.createdAt)
    return file
  }

  stat(cloudPath: string): StoredFile | null {
    const row = this.db.prepare('SELECT * FROM _files WHERE cloud_path = ?').get(cloudPath) as
      | { cloud_path: string; size: number; sha256: string; content_type: string; owner: string | null; created_at: string }
      | undefined
    if (!row || !fs.existsSync(this.diskPath(cloudPath))) return null
    return {
      fileID: this.fileId(row.cloud_path),
      cloudPath: row.cloud_path,
      size: row.size,
      sha256: row.sha256,
      contentType: row.content_type,
      owner: row.owner,
      createdAt: row.created_at,
    }
  }

  /**
   * How many files, and bytes, `owner` has put under `prefix` since `since` (an ISO instant): the upload quota. Only
   * their own uploads count — a server-side copy (a claim pinning its photos) lies under another prefix.
   */
  uploadedSince(owner: string, prefix: string, since: string): { files: number; bytes: number } {
    const row = this.db
      .prepare('SELECT count(*) AS files, coalesce(sum(size), 0) AS bytes FROM _files WHERE owner = ? AND created_at >= ? AND substr(cloud_path, 1, length(?)) = ?')
      .get(owner, since, prefix, prefix) as { files: number; bytes: number }
    return row
  }

  /** `storage.batchGetDownloadUrl` */
  downloadUrls(fileList: unknown) {
    if (!Array.isArray(fileList) || fileList.length === 0) throw invalidParam('file_list 必须是非空数组')
    if (fileList.length > 50) throw invalidParam('一次最多获取 50 个文件的链接')
    return fileList.map((item) => {
      const fileID = (item as { fileid?: unknown })?.fileid
      const maxAgeRaw = Number((item as { max_age?: unknown })?.max_age)
      const maxAge = Number.isFinite(maxAgeRaw) && maxAgeRaw > 0 ? Math.min(maxAgeRaw, 30 * 86_400) : DEFAULT_URL_SECONDS
      const cloudPath = this.cloudPathOf(fileID)
      if (!cloudPath || !this.stat(cloudPath)) {
        return { fileID: String(fileID), tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' }
      }
      const token = this.sign({ p: cloudPath, e: this.now() + maxAge * 1000 })
      return { fileID, tempFileURL: `${this.baseUrl()}/_storage/files/${token}`, code: 'SUCCESS' }
    })
  }

  /** Resolves a temp URL token to a file, or says why not. */
  resolveDownload(token: string): { file: StoredFile; diskPath: string } | { status: number; error: string } {
    const payload = this.verify(token)
    if (!payload || typeof payload.p !== 'string' || typeof payload.e !== 'number') return { status: 403, error: '链接无效' }
    if (payload.e < this.now()) return { status: 403, error: '链接已过期' }
    const file = this.stat(payload.p)
    if (!file) return { status: 404, error: '文件不存在' }
    return { file, diskPath: this.diskPath(file.cloudPath) }
  }

  /** `storage.batchDeleteFile` */
  deleteFiles(fileIdList: unknown) {
    if (!Array.isArray(fileIdList) || fileIdList.length === 0) throw invalidParam('fileid_list 必须是非空数组')
    return fileIdList.map((fileID) => {
      const cloudPath = this.cloudPathOf(fileID)
      if (!cloudPath || !this.stat(cloudPath)) return { fileID: String(fileID), code: 'STORAGE_FILE_NONEXIST' }
      this.db.prepare('DELETE FROM _files WHERE cloud_path = ?').run(cloudPath)
      fs.rmSync(this.diskPath(cloudPath), { force: true })
      return { fileID, code: 'SUCCESS' }
    })
  }

  /** `storage.batchCopyFile` (the SDK's types name the id `fileId` in this answer, unlike the others). */
  copyFiles(fileList: unknown) {
    if (!Array.isArray(fileList) || fileList.length === 0) throw invalidParam('file_list 必须是非空数组')
    return fileList.map((item) => {
      const { src_path, dst_path, overwrite, remove_original } = (item ?? {}) as Record<string, unknown>
      const src = checkCloudPath(src_path)
      const dst = checkCloudPath(dst_path)
      const file = this.stat(src)
      if (!file) return { fileId: this.fileId(dst), code: 'STORAGE_FILE_NONEXIST' }
      if (overwrite === false && this.stat(dst)) return { fileId: this.fileId(dst), code: 'STORAGE_FILE_EXIST' }
      this.put(dst, fs.readFileSync(this.diskPath(src)), file.owner)
      if (remove_original) this.deleteFiles([this.fileId(src)])
      return { fileId: this.fileId(dst), code: 'SUCCESS' }
    })
  }

  private diskPath(cloudPath: string): string {
    return path.join(this.root, ...cloudPath.split('/'))
  }
}

/** A cloud path is relative, uses '/', and has no empty, '.' or '..' segment. */
export function checkCloudPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) throw invalidParam('cloudPath 必须是 1–512 个字符')
  const p = value.replace(/^\/+/, '')
  if (/[\\\0]/.test(p) || p.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new CloudError('INVALID_PARAM', `cloudPath 不合法：${value}`)
  }
  return p
}

function contentTypeOf(cloudPath: string, bytes: Buffer): string {
  const kind = detectImageKind(bytes)
  if (kind) return IMAGE_MIME[kind]
  return EXTENSION_TYPES[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream'
}
