import { type ReactNode, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { MAX_PHOTOS } from '@core/claim-input'
import { messageFor } from '@core/errors'
import { objectionReason } from '@core/governance.schema'
import { isMonthInput } from '@core/inputs'
import type { Me } from '@core/user'
import { LIST_NAMES } from '@core/governance'
import { ApiError, api, newRequestId, type Listing, type Publicity, type PublicityItem } from '../../api'
import { Field, Loaded, PageState, PhotoPicker, ROUTES, SubmitBar, TextArea, formatDate, monthLabel, quietUnknown, signedPoints, useApi, usePhotos } from '../../components'
import { fullDate } from '../shared'
import '../governance.scss'
import './index.scss'

const REASON_MAX = 300

/** The entry objected to, as its month's board shows it (the board is the only place a member sees it), and the board's state. */
async function findEntry(month: string, entryId: string): Promise<{ board: Publicity; item: PublicityItem } | null> {
  if (!isMonthInput(month) || !entryId) return null
  try {
    const board = await api.governance.publicity({ month, entryId }, { silent: true })
    return board.items[0] ? { board, item: board.items[0] } : null
  } catch (e) {
    // Not on that month's board: the page says so.
    if (e instanceof ApiError && e.code === 'NOT_FOUND') return null
    throw e
  }
}

/** A listing of the 红黑榜 in force (the lists are where a member sees it), or null. */
async function findListing(listingId: string): Promise<Listing | null> {
  if (!listingId) return null
  const [black, red] = await Promise.all([api.governance.lists({ list: 'black' }, quietUnknown), api.governance.lists({ list: 'red' }, quietUnknown)])
  return [...black.items, ...red.items].find((l) => l.id === listingId) ?? null
}

/**
 * 提出异议: opened from an entry of the board with ?entryId=&month=, or from a listing of the 红黑榜 (or the suspension
 * notice) with ?listingId=. Shows what is objected to, then the reason and photos.
 */
export default function ObjectionPage() {
  const params = useRouter().params
  const listingId = decodeURIComponent(params.listingId ?? '')
  return listingId ? <ListingObjection listingId={listingId} /> : <EntryObjection />
}

function ListingObjection({ listingId }: { listingId: string }) {
  const { state, reload } = useApi(() => Promise.all([api.user.me({}, quietUnknown), findListing(listingId)]), [listingId])
  return (
    <Loaded state={state} reload={reload}>
      {([me, listing]) =>
        listing ? (
          <ObjectionForm me={me} card={<ListingEntryCard listing={listing} />} target={{ listingId: listing.id }} closedAtFirst={null} back={{ label: '回到红黑榜', url: ROUTES.lists }} />
        ) : (
          <View className='sz-page'>
            <PageState kind='empty' title='没有找到这条红黑榜记录' description='它可能已经期满或已撤销。请回到红黑榜看看。' testId='objection-not-found'>
              <Button className='sz-button' type='primary' size='large' block onClick={() => void Taro.redirectTo({ url: ROUTES.lists })}>
                回到红黑榜
              </Button>
            </PageState>
          </View>
        )
      }
    </Loaded>
  )
}

/** The listing objected to, as the 红黑榜 shows it: who, why, what it deducted or awarded, until when. */
function ListingEntryCard({ listing: l }: { listing: Listing }) {
  const black = l.list === 'black'
  return (
    <View className='sz-card sz-object-form__entry' data-testid='objection-entry'>
      <View className='sz-object-form__entry-main'>
        <Text className='sz-object-form__entry-label'>您要提异议的这条{LIST_NAMES[l.list]}记录</Text>
        <Text className='sz-object-form__entry-who'>{l.name}</Text>
        <Text className='sz-object-form__entry-item'>{l.reason}</Text>
        <Text className='sz-object-form__entry-meta'>
          {l.courtyard}
          {l.from ? ` · ${fullDate(l.from)} 上榜` : ''}
          {black && l.until ? ` · 暂停到 ${fullDate(l.until)}` : ''}
        </Text>
      </View>
      <Text className={`sz-object-form__entry-points ${black ? 'sz-object-form__entry-points--minus' : ''}`}>{signedPoints(black ? -l.points : l.points)}</Text>
    </View>
  )
}

function EntryObjection() {
  const params = useRouter().params
  const entryId = decodeURIComponent(params.entryId ?? '')
  const month = params.month ?? ''
  const { state, reload } = useApi(() => Promise.all([api.user.me({}, quietUnknown), findEntry(month, entryId)]), [entryId, month])

  return (
    <Loaded state={state} reload={reload}>
      {([me, found]) =>
        found ? (
          <ObjectionForm
            me={me}
            card={<EntryCard item={found.item} />}
            target={{ entryId: found.item.entryId }}
            closedAtFirst={closedReason(found.board, found.item)}
            back={{ label: '回到积分公示栏', url: ROUTES.publicity(found.board.month) }}
          />
        ) : (
          <View className='sz-page'>
            <PageState kind='empty' title='没有找到这条公示记录' description='请回到积分公示栏，重新选一条。' testId='objection-not-found'>
              <Button className='sz-button' type='primary' size='large' block onClick={() => void Taro.redirectTo({ url: ROUTES.publicity(isMonthInput(month) ? month : undefined) })}>
                回到积分公示栏
              </Button>
            </PageState>
          </View>
        )
      }
    </Loaded>
  )
}

/** The entry as the board shows it: who (masked), what, where, when, how many points. */
function EntryCard({ item }: { item: PublicityItem }) {
  return (
    <View className='sz-card sz-object-form__entry' data-testid='objection-entry'>
      <View className='sz-object-form__entry-main'>
        <Text className='sz-object-form__entry-label'>您要提异议的这一条</Text>
        <Text className='sz-object-form__entry-who'>{item.name}</Text>
        <Text className='sz-object-form__entry-item'>{item.item}</Text>
        <Text className='sz-object-form__entry-meta'>
          {item.courtyard} · {formatDate(item.at)}
        </Text>
      </View>
      <Text className={`sz-object-form__entry-points ${item.points < 0 ? 'sz-object-form__entry-points--minus' : ''}`}>{signedPoints(item.points)}</Text>
    </View>
  )
}

/** Why this entry can take no objection now: the month is not in publicity, its window ended, or it was reversed already. */
function closedReason(board: Publicity, item: PublicityItem): { title: string; line: string } | null {
  if (item.reversed) return { title: '这一条已经冲正了', line: '它的积分已经收回，不用再提异议。' }
  if (board.status === 'open') return { title: '这个月还没有公示', line: `${monthLabel(board.month)}结月公示以后，才能提出异议。` }
  if (!board.objectionsOpen) return { title: '公示期已结束', line: `${messageFor('GOVERNANCE.WINDOW_CLOSED')}。如有问题，请直接联系社区工作小组。` }
  return null
}

interface FormProps {
  me: Me
  /** What is objected to, as a card. */
  card: ReactNode
  target: { entryId: string } | { listingId: string }
  /** Why no objection can be filed now (the month's window, say), or null. */
  closedAtFirst: { title: string; line: string } | null
  back: { label: string; url: string }
}

function ObjectionForm({ me, card, target, closedAtFirst, back }: FormProps) {
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [closed, setClosed] = useState(closedAtFirst)
  const [sending, setSending] = useState(false)
  const photos = usePhotos(me.openid)
  // One per form: a retry after a lost answer files the same objection, never a second one.
  const requestId = useRef(newRequestId('objection'))

  if (closed) {
    return (
      <View className='sz-page sz-object-form'>
        {card}
        <View className='sz-alert sz-alert--warning' data-testid='objection-closed'>
          <Text className='sz-alert__title'>{closed.title}</Text>
          <Text className='sz-alert__line'>{closed.line}</Text>
        </View>
        <View className='sz-actions'>
          <Button className='sz-button' size='large' block onClick={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: back.url }))}>
            {back.label}
          </Button>
        </View>
      </View>
    )
  }

  const check = (): string | null => {
    const parsed = objectionReason.safeParse(reason)
    if (!parsed.success) return parsed.error.issues[0]?.message ?? '请写明异议的理由（至少 5 个字）'
    if (photos.failed > 0) return `有 ${photos.failed} 张照片没有传上去：点这张照片重试，或点 × 删掉它`
    return null
  }

  const submit = async () => {
    if (sending || photos.uploading) return
    const found = check()
    setProblem(found)
    setFailure(null)
    if (found) return
    setSending(true)
    try {
      await api.governance.object(
        { ...target, reason: reason.trim(), ...(photos.fileIDs.length ? { photos: photos.fileIDs } : {}), requestId: requestId.current },
        { silent: ['GOVERNANCE.WINDOW_CLOSED'] },
      )
      void Taro.showToast({ title: '异议已提交', icon: 'success', duration: 2000 })
      void Taro.redirectTo({ url: ROUTES.myObjections })
    } catch (e) {
      setSending(false)
      if (e instanceof ApiError && e.code === 'GOVERNANCE.WINDOW_CLOSED') setClosed({ title: 'listingId' in target ? '这条记录已期满或已撤销' : '公示期已结束', line: e.message })
      else setFailure(e instanceof ApiError ? e.message : '没有提交成功，请再试一次')
    }
  }

  const length = reason.trim().length
  return (
    <View className='sz-page sz-object-form' data-testid='objection-form'>
      {card}
      <Field
        label='为什么有异议'
        required='必填，至少 5 个字'
        error={!photos.failed && problem}
        hint={`已写 ${length} 字（至少 5 个字，最多 ${REASON_MAX} 字）`}
        testId='objection-field-reason'
      >
        <TextArea
          testId='objection-reason'
          value={reason}
          maxlength={REASON_MAX}
          placeholder='例如：那天我一直在院里，没有看到有人打扫'
          onInput={(value) => {
            setReason(value)
            setProblem(null)
          }}
        />
      </Field>

      <Field label='照片' optional='可以不拍' error={!!photos.failed && problem} hint={`有照片能帮助核实，最多 ${MAX_PHOTOS} 张。`} testId='objection-field-photos'>
        <PhotoPicker photos={photos} />
      </Field>

      <SubmitBar tall label='提交异议' busy={sending} busyLabel='正在提交' uploading={photos.uploading} onSubmit={() => void submit()} testId='objection-submit'
        error={failure} errorTitle='还没有提交' errorTestId='objection-error' after='社区工作小组会调查核实，结果在“我的异议”里告诉您。您的姓名只有工作小组看得到。' />
      <View className='sz-bottom-space' />
    </View>
  )
}
