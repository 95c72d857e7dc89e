import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { MAX_PHOTOS } from '@core/claim-input'
import { messageFor } from '@core/errors'
import { MAX_PHOTO_BYTES } from '@core/image'
import { ApiError, uploadEvidence } from '../../api'

export type PhotoStatus = 'uploading' | 'done' | 'failed'

export interface Photo {
  key: string
  /** What the phone shows: the local temp path, or the link of a photo already on the server. */
  src: string
  status: PhotoStatus
  /** 0–100 while uploading. */
  progress: number
  /** Once uploaded: what a claim sends. */
  fileID?: string
  /** Why it failed, in Chinese. */
  error?: string
  /** Kept for a retry. */
  type?: string
  /** Too large to ever upload: 重试 would not help, only 删除. */
  final?: boolean
  /** Once uploaded and checked (options.check): when a claim of this community first used the same photo. */
  seenAt?: string
}

export interface PhotosOptions {
  /**
   * Asked right after each upload (claims.checkPhoto): whether a claim already used this photo, and when. Its answer
   * stands under the photo before anything is submitted; a failed check says nothing (the submit flags it still).
   */
  check?: (fileID: string) => Promise<{ seenBefore: boolean; at?: string }>
}

export interface Photos {
  photos: Photo[]
  /** Any photo still going up: the submit button waits. */
  uploading: boolean
  failed: number
  /** The fileIDs of the uploaded photos, in order. */
  fileIDs: string[]
  /** Opens the camera or album (h5: a file picker) for up to the photos still allowed. Call straight from a tap. */
  choose: () => void
  remove: (key: string) => void
  retry: (key: string) => void
  /** Full-screen preview, starting at this photo. */
  preview: (key: string) => void
}

let seq = 0

/**
 * The evidence photos of one form: chosen from camera or album, each uploaded at once into the uploader's own folder
 * with its progress, a failed one retried by a tap, none over MAX_PHOTOS. `initial` are photos already on the server
 * (补充材料 keeps them unless deleted).
 */
export function usePhotos(openid: string | null, initial: { fileID: string; url: string }[] = [], options: PhotosOptions = {}): Photos {
  const [photos, setPhotos] = useState<Photo[]>(() =>
    initial.map((p) => ({ key: `p${++seq}`, src: p.url, status: 'done', progress: 100, fileID: p.fileID })),
  )
  const alive = useRef(true)
  useEffect(() => () => void (alive.current = false), [])
  const current = useRef(photos)
  current.current = photos
  const check = useRef(options.check)
  check.current = options.check

  const patch = useCallback((key: string, change: Partial<Photo>) => {
    if (alive.current) setPhotos((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)))
  }, [])

  const send = useCallback(
    (photo: Photo) => {
      if (!openid) {
        patch(photo.key, { status: 'failed', error: messageFor('AUTH.UNAUTHENTICATED') })
        return
      }
      patch(photo.key, { status: 'uploading', progress: 0, error: undefined })
      uploadEvidence({ filePath: photo.src, openid, type: photo.type, onProgress: (progress) => patch(photo.key, { progress }) })
        .then((fileID) => {
          patch(photo.key, { status: 'done', progress: 100, fileID, seenAt: undefined })
          check
            .current?.(fileID)
            .then((answer) => {
              // Only while this very upload is still the photo's (not deleted, not replaced by a retry).
              if (answer.seenBefore && answer.at && current.current.some((p) => p.key === photo.key && p.fileID === fileID)) patch(photo.key, { seenAt: answer.at })
            })
            .catch(() => undefined)
        })
        .catch((e: unknown) => {
          const error = e instanceof ApiError ? e : new ApiError('NETWORK.FAILED')
          patch(photo.key, { status: 'failed', error: error.message, final: error.code === 'UPLOAD.TOO_LARGE' })
        })
    },
    [openid, patch],
  )

  const choose = useCallback(() => {
    const room = MAX_PHOTOS - current.current.length
    if (room <= 0) {
      void Taro.showToast({ title: `最多 ${MAX_PHOTOS} 张照片`, icon: 'none' })
      return
    }
    Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['camera', 'album'] })
      .then((res) => {
        const files = (res.tempFiles?.length ? res.tempFiles : res.tempFilePaths.map((path) => ({ path, size: 0, type: undefined }))).slice(
          0,
          MAX_PHOTOS - current.current.length,
        )
        const added: Photo[] = files.map((f) => {
          const tooLarge = f.size > MAX_PHOTO_BYTES
          return {
            key: `p${++seq}`,
            src: f.path,
            type: (f as { type?: string }).type,
            status: tooLarge ? 'failed' : 'uploading',
            progress: 0,
            ...(tooLarge ? { error: messageFor('UPLOAD.TOO_LARGE'), final: true } : {}),
          }
        })
        if (added.length === 0) return
        setPhotos((list) => [...list, ...added])
        added.filter((p) => p.status === 'uploading').forEach(send)
      })
      .catch(() => undefined) // cancelled
  }, [send])

  const remove = useCallback((key: string) => setPhotos((list) => list.filter((p) => p.key !== key)), [])

  const retry = useCallback(
    (key: string) => {
      const photo = current.current.find((p) => p.key === key)
      if (photo && photo.status === 'failed' && !photo.final) send(photo)
    },
    [send],
  )

  const preview = useCallback((key: string) => {
    const list = current.current
    const photo = list.find((p) => p.key === key)
    if (photo) void Taro.previewImage({ urls: list.map((p) => p.src), current: photo.src }).catch(() => undefined)
  }, [])

  return {
    photos,
    uploading: photos.some((p) => p.status === 'uploading'),
    failed: photos.filter((p) => p.status === 'failed').length,
    fileIDs: photos.filter((p) => p.status === 'done' && p.fileID).map((p) => p.fileID!),
    choose,
    remove,
    retry,
    preview,
  }
}
