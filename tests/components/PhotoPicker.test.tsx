import { act, fireEvent, render, screen } from '@testing-library/react'
import { MAX_PHOTOS } from '@core/claim-input'
import { answerPrivacy } from '../../src/privacy'
import { PhotoPicker, type Photo, type Photos } from '../../src/components'
import { classes, textOf } from './support/dom'

/** The form's photos as usePhotos hands them to the picker, with its actions recorded. */
function photosOf(list: Partial<Photo>[]): Photos {
  const photos = list.map((p, i): Photo => ({ key: `p${i}`, src: `blob:photo-${i}`, status: 'done', progress: 100, ...p }))
  return {
    photos,
    uploading: photos.some((p) => p.status === 'uploading'),
    failed: photos.filter((p) => p.status === 'failed').length,
    fileIDs: [],
    choose: jest.fn(),
    remove: jest.fn(),
    retry: jest.fn(),
    preview: jest.fn(),
  }
}

beforeEach(() => localStorage.clear())
afterEach(() => act(() => answerPrivacy(false)))

describe('PhotoPicker', () => {
  test('each photo says how its upload goes; the last tile adds more', () => {
    const photos = photosOf([{ status: 'uploading', progress: 45 }, { status: 'done' }, { status: 'failed' }, { status: 'failed', final: true }])
    render(<PhotoPicker photos={photos} />)
    expect(screen.getByTestId('photo-0').getAttribute('data-status')).toBe('uploading')
    expect(screen.getByTestId('photo-0').textContent).toContain('上传中45%')
    expect((screen.getByTestId('photo-0').querySelector('.sz-photos__bar-fill') as HTMLElement).style.width).toBe('45%')
    expect(textOf(screen.getByTestId('photo-1'), '.sz-photos__done')).toBe('已上传')
    expect(screen.getByTestId('photo-retry-2').textContent).toBe('上传失败点此重试')
    expect(screen.getByTestId('photo-retry-3').textContent).toBe('上传失败照片太大')
    expect(screen.getByTestId('photo-add').textContent).toContain('添加照片')
    // three to a row: no gap after the third tile
    expect(classes(screen.getByTestId('photo-2'))).not.toContain('sz-photos__tile--gap')
    expect(classes(screen.getByTestId('photo-add'))).toContain('sz-photos__tile--gap')
  })

  test('a tap opens a photo, retries a failed one; × deletes', () => {
    const photos = photosOf([{ status: 'done' }, { status: 'failed' }])
    render(<PhotoPicker photos={photos} testId='picker' />)
    fireEvent.click(screen.getByTestId('photo-0').querySelector('taro-image-core')!)
    expect(photos.preview).toHaveBeenCalledWith('p0')
    fireEvent.click(screen.getByTestId('photo-retry-1'))
    expect(photos.retry).toHaveBeenCalledWith('p1')
    // The tap target (88 design px, 44 CSS px) holds the visible ×.
    expect(classes(screen.getByTestId('photo-delete-0'))).toContain('sz-photos__delete')
    expect(screen.getByTestId('photo-delete-0').querySelector('.sz-photos__delete-mark')?.textContent).toBe('×')
    fireEvent.click(screen.getByTestId('photo-delete-0'))
    expect(photos.remove).toHaveBeenCalledWith('p0')
    expect(photos.choose).not.toHaveBeenCalled()
  })

  test('a warning stands under an uploaded photo, in place of 已上传; none while it uploads', () => {
    const photos = photosOf([{ status: 'done', seenAt: '2026-11-03T02:00:00.000Z' }, { status: 'done' }, { status: 'uploading', seenAt: '2026-11-03T02:00:00.000Z' }])
    const warningOf = jest.fn((p: Photo) => (p.seenAt ? '这张照片以前用过（11月3日）' : null))
    render(<PhotoPicker photos={photos} warningOf={warningOf} />)
    expect(screen.getByTestId('photo-warning-0').textContent).toBe('这张照片以前用过（11月3日）')
    expect(classes(screen.getByTestId('photo-warning-0'))).toContain('sz-photos__warning')
    expect(screen.getByTestId('photo-0').getAttribute('data-warned')).toBe('true')
    expect(screen.getByTestId('photo-0').querySelector('.sz-photos__done')).toBeNull()
    expect(textOf(screen.getByTestId('photo-1'), '.sz-photos__done')).toBe('已上传')
    expect(screen.queryByTestId('photo-warning-1')).toBeNull()
    expect(screen.queryByTestId('photo-warning-2')).toBeNull()
  })

  test('without warningOf no photo is warned of', () => {
    render(<PhotoPicker photos={photosOf([{ status: 'done', seenAt: '2026-11-03T02:00:00.000Z' }])} />)
    expect(screen.queryByTestId('photo-warning-0')).toBeNull()
    expect(textOf(screen.getByTestId('photo-0'), '.sz-photos__done')).toBe('已上传')
  })

  test(`no add tile at ${MAX_PHOTOS} photos`, () => {
    render(<PhotoPicker photos={photosOf(Array.from({ length: MAX_PHOTOS }, () => ({})))} />)
    expect(screen.queryByTestId('photo-add')).toBeNull()
  })

  test('the first photo asks about privacy first; 同意 opens the camera or album', async () => {
    const photos = photosOf([])
    render(<PhotoPicker photos={photos} />)
    await act(async () => fireEvent.click(screen.getByTestId('photo-add')))
    expect(photos.choose).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('privacy-agree'))
    await act(async () => undefined)
    expect(photos.choose).toHaveBeenCalledTimes(1)
    expect(screen.queryByTestId('privacy-sheet')).toBeNull()
  })

  test('不同意: no camera, and asked again; once agreed, a tap goes straight to it', async () => {
    const photos = photosOf([])
    render(<PhotoPicker photos={photos} />)
    const add = () => act(async () => fireEvent.click(screen.getByTestId('photo-add')))
    await add()
    await act(async () => fireEvent.click(screen.getByTestId('privacy-disagree')))
    expect(photos.choose).not.toHaveBeenCalled()
    await add()
    await act(async () => fireEvent.click(screen.getByTestId('privacy-agree')))
    expect(photos.choose).toHaveBeenCalledTimes(1)
    await add()
    expect(screen.queryByTestId('privacy-sheet')).toBeNull()
    expect(photos.choose).toHaveBeenCalledTimes(2)
  })
})
