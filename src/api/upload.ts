import Taro from '@tarojs/taro'
import { messageFor } from '@core/errors'
import { getDevOpenid } from './identity'
import { ApiError } from './transport'

/** Called with 0–100 while a photo goes up. */
export type UploadProgress = (percent: number) => void

export interface UploadEvidenceInput {
  /** A local temp path from Taro.chooseImage (a blob: URL in h5). */
  filePath: string
  /** The uploader's openid (user.me): evidence lives under `evidence/<openid>/`, and a claim refuses photos from elsewhere. */
  openid: string
  /** The file's MIME type when known (h5 knows it), to name the file. The server judges the bytes, never the name. */
  type?: string
  onProgress?: UploadProgress
}

/** Random enough for a file name or a requestId; not a secret. */
function randomPart(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

/** A fresh requestId for one form: make it once, reuse it on every retry of that form, so a retry never files twice. */
export function newRequestId(prefix = 'req'): string {
  return `${prefix}-${randomPart()}`
}

function extensionOf(type: string | undefined, path: string): string {
  const byType: Record<string, string> = { 'image/png': 'png', 'image/webp': 'webp', 'image/heic': 'heic', 'image/heif': 'heic' }
  if (type && byType[type]) return byType[type]
  const m = /\.(png|webp|heic|jpe?g)(?:$|\?)/i.exec(path)
  return m ? m[1].toLowerCase().replace('jpeg', 'jpg') : 'jpg'
}

/** weapp: a smaller JPEG before it leaves the phone; any failure keeps the original. */
async function compressed(filePath: string): Promise<string> {
  if (process.env.TARO_ENV !== 'weapp') return filePath // h5: Taro has no compressImage (it "succeeds" with nothing)
  try {
    const res = await Taro.compressImage({ src: filePath, quality: 70 })
    return res.tempFilePath || filePath
  } catch {
    return filePath
  }
}

const uploadFailed = () => new ApiError('NETWORK.FAILED', '照片没有传上去，请检查网络后点“重试”')

/** Mini-program: cloud storage, the caller's identity from WeChat. */
function uploadCloud(cloudPath: string, filePath: string, onProgress?: UploadProgress): Promise<string> {
  return new Promise((resolve, reject) => {
    const task = Taro.cloud.uploadFile({
      cloudPath,
      filePath,
      success: (res) => (res.fileID ? resolve(res.fileID) : reject(uploadFailed())),
      fail: () => reject(uploadFailed()),
    })
    task?.onProgressUpdate?.((p) => onProgress?.(p.progress))
  })
}

/** h5 (the local cloud): POST /upload, multipart `cloudPath` + `file`, the demo identity in x-wx-openid. */
function uploadHttp(cloudPath: string, filePath: string, onProgress?: UploadProgress): Promise<string> {
  const openid = getDevOpenid()
  return new Promise((resolve, reject) => {
    const task = Taro.uploadFile({
      url: '/upload',
      filePath,
      name: 'file',
      formData: { cloudPath },
      header: openid ? { 'x-wx-openid': openid } : {},
      success: (res) => {
        let body: { fileID?: unknown; ok?: unknown; code?: unknown; message?: unknown } = {}
        try {
          body = typeof res.data === 'string' ? JSON.parse(res.data) : (res.data as typeof body)
        } catch {
          return reject(uploadFailed())
        }
        if (res.statusCode === 200 && typeof body.fileID === 'string') return resolve(body.fileID)
        if (body.ok === false && typeof body.code === 'string') {
          return reject(new ApiError(body.code, typeof body.message === 'string' && body.message ? body.message : messageFor(body.code)))
        }
        reject(uploadFailed())
      },
      fail: () => reject(uploadFailed()),
    })
    // The promise it also returns would reject unhandled on failure; the callbacks above answer.
    ;(task as unknown as Promise<unknown>).catch?.(() => undefined)
    task.onProgressUpdate?.((p) => onProgress?.(p.progress))
  })
}

/**
 * Uploads one evidence photo into the uploader's own folder and answers its fileID, for claims.submit / resubmit.
 * The one place that knows how photos reach storage (weapp: Taro.cloud.uploadFile; h5: POST /upload).
 * Throws an ApiError whose message a person can read (UPLOAD.TOO_LARGE, AUTH.UNAUTHENTICATED, a network failure); no toast.
 */
export async function uploadEvidence({ filePath, openid, type, onProgress }: UploadEvidenceInput): Promise<string> {
  const source = await compressed(filePath)
  const ext = source === filePath ? extensionOf(type, filePath) : 'jpg'
  const cloudPath = `evidence/${openid}/${randomPart()}.${ext}`
  onProgress?.(0)
  const fileID = await (process.env.TARO_ENV === 'weapp' ? uploadCloud(cloudPath, source, onProgress) : uploadHttp(cloudPath, source, onProgress))
  onProgress?.(100)
  return fileID
}
