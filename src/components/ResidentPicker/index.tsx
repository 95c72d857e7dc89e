import { View, Text } from '@tarojs/components'
import './index.scss'

/** One resident to act for: a walk of the org tree gives them (pages-review/treeWalk's residentsOf, no phone first). */
export interface PickableResident {
  id: string
  name: string
  hasPhone: boolean
  householdName: string
  courtyardName: string
}

export interface ResidentListProps {
  /** In the order to show them (those without a phone first). */
  residents: PickableResident[]
  onPick: (resident: PickableResident) => void
  /** `proxy` → `proxy-residents` on the list, `proxy-resident-<id>` on each row. */
  testId: string
}

/**
 * 替哪位居民: the residents in one's charge, a row each — the name large, the courtyard and household under it, 无手机
 * for those who cannot do it themselves — and › to say "tap to choose". For 代申报, 代说事 ….
 */
export function ResidentList({ residents, onPick, testId }: ResidentListProps) {
  return (
    <View className='sz-list' data-testid={`${testId}-residents`}>
      {residents.map((r, i) => (
        <View
          key={r.id}
          className={`sz-resident-pick__row ${i > 0 ? 'sz-resident-pick__row--divided' : ''}`}
          hoverClass='sz-resident-pick__row--hover'
          data-testid={`${testId}-resident-${r.id}`}
          onClick={() => onPick(r)}
        >
          <View className='sz-resident-pick__main'>
            <Text className='sz-resident-pick__name'>{r.name}</Text>
            <Text className='sz-resident-pick__where'>
              {r.courtyardName} · {r.householdName}
            </Text>
          </View>
          {!r.hasPhone ? <Text className='sz-resident-pick__no-phone'>无手机</Text> : null}
          <Text className='sz-arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}

export interface ChosenResidentProps {
  /** What is done for them: 为这位居民申报, 替这位居民提交. */
  label: string
  resident: Pick<PickableResident, 'name' | 'householdName'>
  /** 换一位: back to the list. */
  onChange: () => void
  /** `proxy` → `proxy-chosen` on the card, `proxy-change` on 换一位. */
  testId: string
}

/** The resident chosen, large, with 换一位: the form under it is filled in for them. */
export function ChosenResident({ label, resident, onChange, testId }: ChosenResidentProps) {
  return (
    <View className='sz-card sz-resident-pick__chosen' data-testid={`${testId}-chosen`}>
      <View className='sz-resident-pick__main'>
        <Text className='sz-resident-pick__label'>{label}</Text>
        <Text className='sz-resident-pick__chosen-name'>{resident.name}</Text>
        <Text className='sz-resident-pick__label'>{resident.householdName}</Text>
      </View>
      <View className='sz-resident-pick__change' data-testid={`${testId}-change`} onClick={onChange}>
        换一位
      </View>
    </View>
  )
}
