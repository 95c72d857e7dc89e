import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { addResidentInput, saveNodeInput } from '@core/org.schema'
import { api, newRequestId, type TreeNode } from '../../api'
import { Loaded, PageState, ROUTES, open, quietUnknown, useApi, useSending, usePullDownReload } from '../../components'
import { Sheet } from '../../components/Sheet'
import { Action } from './Action'
import { type ResidentAsk, ResidentRow, ResidentSheet } from './residents'
import '../admin.scss'

type Member = { openid: string; name: string }

/** The schema of the name asked for (a node's name, a person's), as the function checks it. */
type NameField = typeof saveNodeInput.shape.name | typeof addResidentInput.shape.name

/** What the sheet at the bottom is asking for. */
type Ask =
  | { kind: 'name'; title: string; initial: string; placeholder: string; field: NameField; save: (name: string) => Promise<unknown>; done: string }
  | { kind: 'head'; courtyard: TreeNode; members: Member[] }

const TYPE_NAMES: Record<TreeNode['type'], string> = { community: '社区', grid: '网格', courtyard: '院落', household: '户' }

/** Members (with a phone, so with an account) under a node: whom a role can go to. */
function membersOf(n: TreeNode): Member[] {
  const own = (n.residents ?? []).filter((r) => r.hasPhone && r.openid).map((r) => ({ openid: r.openid!, name: r.name }))
  return [...own, ...n.children.flatMap(membersOf)]
}

/**
 * 组织架构 (工作小组): community → grids → courtyards (their heads) → households (residents, 无手机 marked). Add and rename
 * grids, courtyards and households; give or take back 院长 of a courtyard; register a resident without a phone; move a
 * resident to another household (迁到别的户) or register one who moved away (登记搬走), each in its own sheet.
 */
export default function OrgPage() {
  const { state, reload } = useApi(() => api.org.tree({}, quietUnknown))
  const [ask, setAsk] = useState<Ask | null>(null)
  const [name, setName] = useState('')
  const [pick, setPick] = useState<string | null>(null)
  const { sending, send } = useSending()
  const [residentAsk, setResidentAsk] = useState<ResidentAsk | null>(null)

  usePullDownReload(reload)

  const askName = (a: Omit<Extract<Ask, { kind: 'name' }>, 'kind'>) => {
    setName(a.initial)
    setAsk({ kind: 'name', ...a })
  }

  const run = (work: () => Promise<unknown>, done: string) =>
    send(work, () => done, () => {
      setAsk(null)
      return reload()
    })

  const confirm = () => {
    if (!ask) return
    if (ask.kind === 'name') {
      const parsed = ask.field.safeParse(name)
      if (!parsed.success) return void Taro.showToast({ title: parsed.error.issues[0]?.message ?? '名称至少两个字', icon: 'none' })
      void run(() => ask.save(parsed.data), ask.done)
    } else {
      if (!pick) return void Taro.showToast({ title: '请选一位成员', icon: 'none' })
      void run(() => api.org.assignRole({ openid: pick, role: 'head', nodeId: ask.courtyard.id }), '已设为院长')
    }
  }

  const revoke = async (courtyard: TreeNode, holder: Member) => {
    const { confirm: ok } = await Taro.showModal({
      title: '撤销院长？',
      content: `${holder.name} 将不再是 ${courtyard.name} 的院长，不能再初审本院申报。`,
      confirmText: '撤销',
      cancelText: '不撤销',
      confirmColor: '#b42318',
    })
    if (ok) void run(() => api.org.revokeRole({ openid: holder.openid, role: 'head', nodeId: courtyard.id }), '已撤销院长')
  }

  const actions = {
    add: (parent: TreeNode, type: 'grid' | 'courtyard' | 'household') => {
      const requestId = newRequestId('node')
      askName({
        title: `在「${parent.name}」下添加${TYPE_NAMES[type]}`,
        initial: '',
        placeholder: type === 'household' ? '例如：刘福贵家' : type === 'courtyard' ? '例如：莲花新区3排5号院' : '例如：莲花新区网格',
        field: saveNodeInput.shape.name,
        save: (n) => api.org.saveNode({ type, parentId: parent.id, name: n, requestId }),
        done: `已添加${TYPE_NAMES[type]}`,
      })
    },
    rename: (node: TreeNode, parentId: string) =>
      askName({
        title: `给「${node.name}」改名`,
        initial: node.name,
        placeholder: '新的名称',
        field: saveNodeInput.shape.name,
        save: (n) => api.org.saveNode({ id: node.id, type: node.type as 'grid' | 'courtyard' | 'household', parentId, name: n }),
        done: '已改名',
      }),
    addResident: (household: TreeNode) => {
      const requestId = newRequestId('resident')
      askName({
        title: `给「${household.name}」登记无手机居民`,
        initial: '',
        placeholder: '真实姓名',
        field: addResidentInput.shape.name,
        save: (n) => api.org.addResident({ householdId: household.id, name: n, requestId }),
        done: '已登记',
      })
    },
    setHead: (courtyard: TreeNode) => {
      setPick(null)
      setAsk({ kind: 'head', courtyard, members: membersOf(courtyard) })
    },
    revoke,
    askResident: setResidentAsk,
  }

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有社区工作小组可以管理组织' testId='org-forbidden' /> }}
    >
      {({ root }) => (
        <View className='sz-page sz-org' data-testid='org-page'>
          <View className='sz-card'>
            <Text className='sz-org__name'>
              <Text className='sz-org__type'>{TYPE_NAMES[root.type]}</Text>
              {root.name}
            </Text>
            <Text className='sz-org__line'>
              {root.children.length} 个{root.type === 'community' ? '网格' : '下级'}
            </Text>
            {root.type === 'community' ? (
              <View className='sz-org__actions'>
                <Action testId='org-add-grid' onTap={() => actions.add(root, 'grid')}>
                  ＋ 添加网格
                </Action>
              </View>
            ) : null}
          </View>
          {root.children.map((grid) => (
            <View key={grid.id} className='sz-card' data-testid={`org-node-${grid.id}`}>
              <NodeView node={grid} parentId={root.id} actions={actions} />
            </View>
          ))}
          <View className='sz-bottom-space' />
          {ask ? (
            <Sheet
              testId='admin-sheet'
              title={ask.kind === 'name' ? ask.title : `设「${ask.courtyard.name}」的院长`}
              sending={sending}
              onCancel={() => setAsk(null)}
              onConfirm={confirm}
            >
              {ask.kind === 'name' ? (
                <Input className='sz-input' data-testid='sheet-name' value={name} maxlength={30} placeholder={ask.placeholder} focus onInput={(e) => setName(e.detail.value)} />
              ) : ask.members.length === 0 ? (
                <Text className='sz-org__line'>这个院落还没有用手机加入的成员。请先邀请居民加入，再设院长。</Text>
              ) : (
                ask.members.map((m) => (
                  <View
                    key={m.openid}
                    className={`sz-sheet__option ${pick === m.openid ? 'sz-sheet__option--on' : ''}`}
                    data-testid={`sheet-member-${m.openid}`}
                    onClick={() => setPick(m.openid)}
                  >
                    {m.name}
                  </View>
                ))
              )}
            </Sheet>
          ) : null}
          {residentAsk ? (
            <ResidentSheet
              ask={residentAsk}
              root={root}
              onCancel={() => setResidentAsk(null)}
              onDone={() => {
                setResidentAsk(null)
                void reload()
              }}
            />
          ) : null}
        </View>
      )}
    </Loaded>
  )
}

type Actions = {
  add: (parent: TreeNode, type: 'grid' | 'courtyard' | 'household') => void
  rename: (node: TreeNode, parentId: string) => void
  addResident: (household: TreeNode) => void
  setHead: (courtyard: TreeNode) => void
  revoke: (courtyard: TreeNode, holder: Member) => Promise<void>
  askResident: (ask: ResidentAsk) => void
}

function NodeView({ node, parentId, actions }: { node: TreeNode; parentId: string; actions: Actions }) {
  const heads = node.holders.filter((h) => h.role === (node.type === 'grid' ? 'grid' : 'head'))
  return (
    <View className={`sz-org__node sz-org__node--${node.type}`} data-testid={`org-${node.type}-${node.id}`}>
      <Text className={`sz-org__name sz-org__name--${node.type}`}>
        <Text className='sz-org__type'>{node.type === 'courtyard' ? (node.kind ?? '院落') : TYPE_NAMES[node.type]}</Text>
        {node.name}
      </Text>
      {node.type === 'grid' ? <Text className='sz-org__line'>网格员：{heads.length ? heads.map((h) => h.name).join('、') : '未设'}</Text> : null}
      {node.type === 'courtyard' ? (
        heads.length ? (
          heads.map((h) => (
            <View key={h.openid} className='sz-org__holder'>
              <Text className='sz-org__holder-name'>院长：{h.name}</Text>
              <Action testId={`org-revoke-${node.id}-${h.openid}`} danger onTap={() => void actions.revoke(node, h)}>
                撤销
              </Action>
            </View>
          ))
        ) : (
          <Text className='sz-org__line'>院长：未设（本院申报直接由网格员审核）</Text>
        )
      ) : null}
      {node.type === 'household' ? (
        <View>
          {(node.residents ?? []).length === 0 ? <Text className='sz-org__line'>还没有居民</Text> : null}
          {(node.residents ?? []).map((r) => (
            <ResidentRow key={r.id} resident={r} household={node} onAsk={actions.askResident} />
          ))}
        </View>
      ) : null}
      <View className='sz-org__actions'>
        {node.type === 'grid' ? (
          <Action testId={`org-add-courtyard-${node.id}`} onTap={() => actions.add(node, 'courtyard')}>
            ＋ 添加院落
          </Action>
        ) : null}
        {node.type === 'courtyard' ? (
          <>
            <Action testId={`org-add-household-${node.id}`} onTap={() => actions.add(node, 'household')}>
              ＋ 添加户
            </Action>
            <Action testId={`org-set-head-${node.id}`} onTap={() => actions.setHead(node)}>
              设院长
            </Action>
            <Action testId={`org-invite-${node.id}`} onTap={() => open(`${ROUTES.invite}?courtyardId=${encodeURIComponent(node.id)}`)}>
              邀请居民
            </Action>
          </>
        ) : null}
        {node.type === 'household' ? (
          <Action testId={`org-add-resident-${node.id}`} onTap={() => actions.addResident(node)}>
            ＋ 无手机居民
          </Action>
        ) : null}
        <Action testId={`org-rename-${node.id}`} onTap={() => actions.rename(node, parentId)}>
          改名
        </Action>
      </View>
      {node.children.map((c) => (
        <NodeView key={c.id} node={c} parentId={node.id} actions={actions} />
      ))}
    </View>
  )
}
