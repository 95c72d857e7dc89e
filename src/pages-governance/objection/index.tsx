import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { MAX_PHOTOS } from '@core/claim-input'
import { messageFor } from '@core/errors'
import { objectInput } from '@core/governance.schema'
import { isMonthInput } from '@core/inputs'
import type { Me } from '@core/user'
import { ApiError, api, newRequestId, type Publicity, type PublicityItem } from '../../api'
import { Field, Loaded, PageState, PhotoPicker, ROUTES, SubmitBar, TextArea, formatDate, monthLabel, quietUnknown, signedPoints, useApi, usePhotos } from '../../components'
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

/** 提出异议: opened from an entry of the board with ?entryId=&month=. Shows the entry, then the reason and photos. */
export default function ObjectionPage() {
  const params = useRouter().params
  const entryId = decodeURIComponent(params.entryId ?? '')
  const month = params.month ?? ''
  const { state, reload } = useApi(() => Promise.all([api.user.me({}, quietUnknown), findEntry(month, entryId)]), [entryId, month])

  return (
    <Loaded state={state} reload={reload}>
      {([me, found]) =>
        found ? (
          <ObjectionForm me={me} board={found.board} item={found.item} />
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

function ObjectionForm({ me, board, item }: { me: Me; board: Publicity; item: PublicityItem }) {
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [closed, setClosed] = useState(() => closedReason(board, item))
  const [sending, setSending] = useState(false)
  const photos = usePhotos(me.openid)
  // One per form: a retry after a lost answer files the same objection, never a second one.
  const requestId = useRef(newRequestId('objection'))

  if (closed) {
    return (
      <View className='sz-page sz-object-form'>
        <EntryCard item={item} />
        <View className='sz-alert sz-alert--warning' data-testid='objection-closed'>
          <Text className='sz-alert__title'>{closed.title}</Text>
          <Text className='sz-alert__line'>{closed.line}</Text>
        </View>
        <View className='sz-actions'>
          <Button className='sz-button' size='large' block onClick={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: ROUTES.publicity(board.month) }))}>
            回到积分公示栏
          </Button>
        </View>
      </View>
    )
  }

  const check = (): string | null => {
    const parsed = objectInput.shape.reason.safeParse(reason)
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
        { entryId: item.entryId, reason: reason.trim(), ...(photos.fileIDs.length ? { photos: photos.fileIDs } : {}), requestId: requestId.current },
        { silent: ['GOVERNANCE.WINDOW_CLOSED'] },
      )
      void Taro.showToast({ title: '异议已提交', icon: 'success', duration: 2000 })
      void Taro.redirectTo({ url: ROUTES.myObjections })
    } catch (e) {
      setSending(false)
      if (e instanceof ApiError && e.code === 'GOVERNANCE.WINDOW_CLOSED') setClosed({ title: '公示期已结束', line: e.message })
      else setFailure(e instanceof ApiError ? e.message : '没有提交成功，请再试一次')
    }
  }

  const length = reason.trim().length
  return (
    <View className='sz-page sz-object-form' data-testid='objection-form'>
      <EntryCard item={item} />
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
