import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { VOICE_KINDS, type Voice, type VoiceKind } from '@core/voices'
import type { Me } from '@core/user'
import { api } from '../../api'
import { Loaded, PageState, PagedList, ROUTES, Tabs, open, quietUnknown, useApi, usePaged, usePagedPage } from '../../components'
import type { VoiceView } from '../../components/routes'
import { VoiceCard } from '../../components/VoiceCard'
import { KIND_WORDS, QUEUE_STATUSES, hasQueue } from '../../components/VoiceCard/words'
import { postsForOthers } from '../post/who'
import './index.scss'

const KIND_TABS = VOICE_KINDS.map((key) => ({ key, title: KIND_WORDS[key].tab }))

const isKind = (k: string | undefined): k is VoiceKind => (VOICE_KINDS as readonly string[]).includes(k ?? '')

/** Who has the big button to the form: residents, and staff (院长, 网格员, 工作小组) with or without a home here. */
const posts = (me: Me) => !!me.residentId || postsForOthers(me)

/** The lists a viewer has of a kind: hazards are never public (one's own, or the queue); wishes can be taken. */
function viewsOf(kind: VoiceKind, me: Me): { key: VoiceView; title: string }[] {
  const views: { key: VoiceView; title: string }[] = []
  if (kind !== 'hazard') views.push({ key: 'all', title: '大家的' })
  // Staff post too: about a courtyard, or for a resident without a phone (代说事) — theirs to follow under 我的.
  if (posts(me)) views.push({ key: 'mine', title: KIND_WORDS[kind].mine })
  if (kind === 'wish' && me.residentId) views.push({ key: 'taken', title: '我认领的' })
  if (hasQueue(me.roles, kind)) views.push({ key: 'queue', title: '待我办理' })
  return views
}

/** Where a kind opens: staff's hazards at their queue (what they came for), else the first list. */
function firstView(kind: VoiceKind, me: Me): VoiceView {
  const views = viewsOf(kind, me).map((v) => v.key)
  if (kind === 'hazard' && views.includes('queue')) return 'queue'
  return views[0] ?? 'all'
}

const EMPTY: Record<VoiceKind, Record<VoiceView, { title: string; hint?: string }>> = {
  suggestion: {
    all: { title: '还没有人说事', hint: '有什么想法和建议，点上面的“我要说事”。' },
    mine: { title: '您还没有说过事', hint: '有什么想法和建议，点上面的“我要说事”。' },
    taken: { title: '' },
    queue: { title: '没有等您回复的说事', hint: '居民说事后会在这里，回复后大家都能看到。' },
  },
  wish: {
    all: { title: '现在没有等人认领的心愿', hint: '社区审核通过的心愿会在这里，点开就能认领。' },
    mine: { title: '您还没有许过心愿', hint: '有困难需要人帮一把，点上面的“我要许愿”。' },
    taken: { title: '您还没有认领心愿', hint: '在“大家的”里点一个心愿，就能认领。' },
    queue: { title: '没有等审核的心愿', hint: '居民许的心愿先到这里，审核通过后才公开。' },
  },
  hazard: {
    all: { title: '' },
    mine: { title: '您还没有拍过隐患', hint: '看到安全隐患，点上面的“随手拍隐患”。' },
    taken: { title: '' },
    queue: { title: '没有等您处理的隐患', hint: '居民随手拍的隐患会到这里，受理、处理完后拍照。' },
  },
}

/**
 * 说事: 居民说事 / 微心愿 / 随手拍 as tabs (`?kind=`, `?view=`). Each has its big button to the form, its lists (大家的,
 * 我的, 我认领的 for wishes, and 待我办理 for the staff who handle the kind), page by page; a tap opens a post.
 */
export default function VoicesPage() {
  const params = useRouter().params
  const me = useApi(() => api.user.me({}, quietUnknown))
  return (
    <Loaded state={me.state} reload={me.reload}>
      {(m) => <Voices me={m} initialKind={isKind(params.kind) ? params.kind : 'suggestion'} initialView={params.view as VoiceView | undefined} />}
    </Loaded>
  )
}

function Voices({ me, initialKind, initialView }: { me: Me; initialKind: VoiceKind; initialView?: VoiceView }) {
  const [kind, setKindState] = useState<VoiceKind>(initialKind)
  const [view, setView] = useState<VoiceView>(() => (initialView && viewsOf(initialKind, me).some((v) => v.key === initialView) ? initialView : firstView(initialKind, me)))
  // Another kind keeps the list where it can (我的 stays 我的), else opens the kind's first.
  const setKind = (k: VoiceKind) => {
    setKindState(k)
    setView((current) => (viewsOf(k, me).some((v) => v.key === current) ? current : firstView(k, me)))
  }
  const views = viewsOf(kind, me)
  const words = KIND_WORDS[kind]

  // 待我办理: the statuses that wait, merged newest first; the other lists as the function orders them.
  const sources =
    view === 'queue'
      ? QUEUE_STATUSES[kind].map((status) => (cursor?: string) => api.voices.list({ kind, queue: true, status, ...(cursor ? { cursor } : {}) }, quietUnknown))
      : [(cursor?: string) => api.voices.list({ kind, ...(view === 'mine' ? { mine: true } : view === 'taken' ? { taken: true } : {}), ...(cursor ? { cursor } : {}) }, quietUnknown)]
  const list = usePaged<Voice>(sources, view === 'queue' ? (a, b) => b.createdAt.localeCompare(a.createdAt) : null, [kind, view])

  // Back from a post (supported, decided) or the form: the list changes.
  usePagedPage(list)

  const body = (
    <PagedList
      list={list}
      testId='voices-list'
      empty={<PageState kind='empty' title={EMPTY[kind][view].title} description={EMPTY[kind][view].hint} testId='voices-empty' />}
      item={(v, i) => <VoiceCard key={v.id} voice={v} divided={i > 0} testId={`voice-${i}`} onTap={() => open(ROUTES.voice(v.id))} />}
    />
  )

  return (
    <View className='sz-page sz-voices' data-testid='voices-page' data-kind={kind} data-view={view}>
      <Tabs tabs={KIND_TABS} value={kind} onChange={setKind} testId='voices-kind' />
      {posts(me) ? (
        <View className='sz-actions sz-actions--top'>
          <Button className='sz-button sz-voices__new' type='primary' size='xlarge' block data-testid='voices-new' onClick={() => open(ROUTES.voicePost(kind))}>
            {words.button}
          </Button>
          <Text className='sz-voices__intro'>{words.intro}</Text>
        </View>
      ) : null}
      {views.length > 1 ? (
        <View className='sz-voices__views' data-testid='voices-view'>
          {views.map((v) => (
            <View
              key={v.key}
              className={`sz-voices__view ${v.key === view ? 'sz-voices__view--on' : ''}`}
              data-testid={`voices-view-${v.key}`}
              data-active={v.key === view ? 'true' : 'false'}
              onClick={() => v.key !== view && setView(v.key)}
            >
              {v.title}
            </View>
          ))}
        </View>
      ) : null}
      {body}
      <View className='sz-bottom-space' />
    </View>
  )
}
