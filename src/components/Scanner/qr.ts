/**
 * h5 only: reading a QR code from the camera or from a picture with jsQR. Loaded on demand by Camera.tsx, so jsQR is
 * in neither the main package nor the weapp build (there `Taro.scanCode` reads the code).
 */
import jsQR from 'jsqr'

/** Frames are scaled down to this width before decoding: plenty for a phone screen held up to the camera, and fast. */
const FRAME_WIDTH = 640

/** The QR text in the current video frame, or null. */
export function decodeVideoFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
  const { videoWidth, videoHeight } = video
  if (!videoWidth || !videoHeight) return null
  const scale = Math.min(1, FRAME_WIDTH / videoWidth)
  return decodeDrawable(video, Math.round(videoWidth * scale), Math.round(videoHeight * scale), canvas, 'dontInvert')
}

/** The QR text in a picture (a screenshot or a photo from the album), or null when none is found. */
export async function decodeImageFile(file: Blob): Promise<string | null> {
  const url = URL.createObjectURL(file)
  try {
    const image = await loadImage(url)
    const canvas = document.createElement('canvas')
    const longest = Math.max(image.naturalWidth, image.naturalHeight)
    // A large photo is tried small first (fast, and often better for a blurry one), then at full size.
    for (const size of [1024, 2048, longest]) {
      const scale = Math.min(1, size / longest)
      const text = decodeDrawable(image, Math.round(image.naturalWidth * scale), Math.round(image.naturalHeight * scale), canvas, 'attemptBoth')
      if (text) return text
      if (scale === 1) break
    }
    return null
  } finally {
    URL.revokeObjectURL(url)
  }
}

function decodeDrawable(
  source: CanvasImageSource,
  width: number,
  height: number,
  canvas: HTMLCanvasElement,
  inversionAttempts: 'dontInvert' | 'attemptBoth',
): string | null {
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) return null
  context.drawImage(source, 0, 0, width, height)
  const { data } = context.getImageData(0, 0, width, height)
  return jsQR(data, width, height, { inversionAttempts })?.data ?? null
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new Error('图片打不开'))
    image.src = url
  })
}
