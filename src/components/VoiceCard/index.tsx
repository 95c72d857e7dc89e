import { View, Text } from '@tarojs/components'
import { HAZARD_OVERDUE_DAYS, type Voice, type VoiceStatus } from '@core/voices'
import { formatPoints } from '@core/points'
import { Chip, type ChipTone } from '../Chip'
import { formatDateTime } from '../format'
import type { BaseProps } from '../types'
import './index.scss'

/** Each status on its own colour: waiting for someone (orange), moving (blue, purple), done well (green), ended otherwise (grey, red). */
const TONES: Record<VoiceStatus, ChipTone> = {
  open: 'orange',
  answered: 'blue',
  adopted: 'green',
  closed: 'grey',
  pending: 'orange',
  public: 'blue',
  taken: 'purple',
  fulfilled: 'orange',
  confirmed: 'green',
  rejected: 'red',
  withdrawn: 'grey',
  reported: 'orange',
  accepted: 'blue',
  resolved: 'purple',
}

export interface VoiceStatusChipProps extends BaseProps {
  voice: Pick<Voice, 'status' | 'statusName'>
  /** Larger, for the head of a post's page. */
  large?: boolean
}

/** A post's status in the words of its kind (等网格员受理, 已圆梦 …) on its own colour. */
export function VoiceStatusChip({ voice, large, className, testId = 'voice-status' }: VoiceStatusChipProps) {
  return (
    <Chip tone={TONES[voice.status] ?? 'grey'} large={large} status={voice.status} className={className} testId={testId}>
      {voice.statusName}
    </Chip>
  )
}

/** 超过3天: a hazard nobody finished within HAZARD_OVERDUE_DAYS, in red. */
export function OverdueChip({ large, testId = 'voice-overdue' }: { large?: boolean; testId?: string }) {
  return (
    <Chip tone='red' large={large} testId={testId}>
      超过{HAZARD_OVERDUE_DAYS}天
    </Chip>
  )
}

export interface VoiceCardProps extends BaseProps {
  voice: Voice
  onTap: () => void
  divided?: boolean
  /** The kind beside the status (a list of more than one kind, 我的说事). */
  showKind?: boolean
}

/**
 * One 说事 post in a list: its title, status (and 超过3天 for a late hazard), who posted it and where (the name masked by
 * the server's one rule), when; at its end what counts for its kind — 附议 for a suggestion, the points a wish offers.
 * A tap opens it.
 */
export function VoiceCard({ voice: v, onTap, divided, showKind, className, testId }: VoiceCardProps) {
  const id = testId ?? `voice-card-${v.id}`
  let end: { big: string; small: string } | null = null
  if (v.kind === 'suggestion') end = { big: String(v.supports), small: '人附议' }
  else if (v.kind === 'wish' && v.offerPoints > 0) end = { big: `+${formatPoints(v.offerPoints)}`, small: '积分' }
  return (
    <View
      className={`sz-voice-card ${divided ? 'sz-voice-card--divided' : ''} ${className ?? ''}`}
      hoverClass='sz-voice-card--hover'
      data-testid={id}
      data-status={v.status}
      onClick={onTap}
    >
      <View className='sz-voice-card__main'>
        <Text className='sz-voice-card__title'>{v.title}</Text>
        <View className='sz-voice-card__chips'>
          <VoiceStatusChip voice={v} testId={`${id}-status`} />
          {showKind ? <Chip tone='grey'>{v.kindName}</Chip> : null}
          {v.overdue ? <OverdueChip testId={`${id}-overdue`} /> : null}
        </View>
        <Text className='sz-voice-card__line'>
          {v.author} · {v.courtyard}
        </Text>
        <Text className='sz-voice-card__line'>{formatDateTime(v.createdAt)}</Text>
      </View>
      {end ? (
        <View className='sz-voice-card__end' data-testid={`${id}-count`}>
          <Text className='sz-voice-card__number'>{end.big}</Text>
          <Text className='sz-voice-card__unit'>{end.small}</Text>
        </View>
      ) : null}
      <Text className='sz-voice-card__arrow'>›</Text>
    </View>
  )
}

export default VoiceCard
