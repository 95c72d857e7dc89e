import { View, Text } from '@tarojs/components'
import { RULE_PURPOSES, RULE_PURPOSE_NAMES, type RulePurpose } from '@core/rules'
import { VOICE_KIND_NAMES } from '@core/voices'
import type { RuleCategory } from '../../api'
import { Field } from '../../components'
import './rules.scss'

/** 用于：微心愿 — the note under an item that a 说事 loop credits by. */
export const purposeNote = (purpose: RulePurpose) => `用于：${VOICE_KIND_NAMES[purpose]}`

export interface PurposeChoiceProps {
  value: RulePurpose | null
  onChange: (purpose: RulePurpose | null) => void
  /** The catalogue, to say which other item holds a purpose now (choosing it here takes it from that item). */
  categories: readonly RuleCategory[]
  /** The item being edited (absent for a new one). */
  itemId?: string
}

/**
 * 用于说事: whether the item is what 居民说事, 微心愿 or 随手拍 credits by (one item each in a community), or none —
 * each choice in a sentence of what it pays for, and the item that has it now.
 */
export function PurposeChoice({ value, onChange, categories, itemId }: PurposeChoiceProps) {
  const holders = new Map(categories.flatMap((c) => c.items.filter((i) => i.purpose && i.id !== itemId).map((i) => [i.purpose as RulePurpose, i.name] as const)))
  const choices: { key: RulePurpose | null; text: string; held?: string }[] = [
    { key: null, text: '不用于说事' },
    ...RULE_PURPOSES.map((p) => ({ key: p, text: RULE_PURPOSE_NAMES[p], held: holders.get(p) })),
  ]
  return (
    <Field label='用于说事' optional='可以不选' hint='说事的每一种只按一个条目加分；选了这里，原来的条目就不再用于它。'>
      <View className='sz-sheet__options'>
        {choices.map((c) => (
          <View
            key={c.key ?? 'none'}
            className={`sz-sheet__option ${value === c.key ? 'sz-sheet__option--on' : ''}`}
            data-testid={`rule-purpose-${c.key ?? 'none'}`}
            onClick={() => onChange(c.key)}
          >
            <Text className='sz-rules-admin__choice'>{c.text}</Text>
            {c.held ? <Text className='sz-rules-admin__held'>{value === c.key ? `保存后改用这一条，「${c.held}」不再用于它` : `现在用的是「${c.held}」`}</Text> : null}
          </View>
        ))}
      </View>
    </Field>
  )
}
