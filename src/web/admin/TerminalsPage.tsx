/**
 * 自助终端: the status board of the self-service terminals in the administrator's area (online,
 * offline, under maintenance, and what each kiosk reports about itself), refreshed every 30
 * seconds; per terminal, taking it out of service and back (with a reason), a new heartbeat token
 * (shown once) and its maintenance log.
 */
import { Alert, App, Button, Drawer, Input, Space, Spin, Tag, type GetRef, type TableColumnsType } from 'antd';
import { useRef, useState } from 'react';
import { REPORTED_STATUSES, TERMINAL_EVENT_KINDS, TERMINAL_STATUS_CODES, TERMINAL_STATUSES, type TerminalStatus } from '../../shared/terminals.js';
import { errorMessage } from '../api/client.js';
import { scopeRoots } from '../api/session.js';
import {
  BOARD_REFRESH_MS, useIssueToken, useSetMaintenance, useTerminalBoard, useTerminalEvents,
  type BoardFilters, type BoardTerminal, type IssuedToken, type TerminalEvent,
} from '../api/terminals.js';
import { ActionModal } from './catalog/ActionModal.js';
import { FilterBar, FilterField, FilterSelect } from '../components/FilterBar.js';
import { ListPagination } from '../components/ListPagination.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { RegionTreeSelect } from '../components/RegionTreeSelect.js';
import { SwitchInput } from '../components/SwitchInput.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { useUrlFilters } from '../components/useUrlFilters.js';
import { chinaDateTime, inChina } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';

const PAGE_SIZE = 20;
const EVENTS_PAGE_SIZE = 20;

export default function TerminalsRoute() {
  return (
    <RequireAction action="venue.manage" title="自助终端">
      <TerminalsPage />
    </RequireAction>
  );
}

const isStatus = (s: string | undefined): s is TerminalStatus => (TERMINAL_STATUS_CODES as readonly (string | undefined)[]).includes(s);

/** The status in words and colour (never colour alone). */
const STATUS_COLOURS: Record<TerminalStatus, string> = { online: 'success', offline: 'error', maintenance: 'warning' };
function StatusTag({ status }: { status: TerminalStatus }) {
  return <Tag color={STATUS_COLOURS[status]}>{TERMINAL_STATUSES[status]}</Tag>;
}

/** What the kiosk last said of itself: a problem as a tag, since when. */
function Reported({ t }: { t: BoardTerminal }) {
  if (!t.reportedStatus) return <span className="muted">尚未上报</span>;
  if (t.reportedStatus === 'ok') return <span>{REPORTED_STATUSES.ok}</span>;
  return (
    <>
      <Tag color="warning">{REPORTED_STATUSES[t.reportedStatus]}</Tag>
      {t.reportedAt && <div className="muted">自 {chinaDateTime(t.reportedAt)}</div>}
    </>
  );
}

const lastSeen = (t: BoardTerminal) => (t.lastSeenAt ? chinaDateTime(t.lastSeenAt) : '从未上报');

function TerminalsPage() {
  const { me } = useWorkbench();
  const roots = scopeRoots(me, 'venue.manage');
  const { values, page, apply } = useUrlFilters(['region', 'status']);
  const filters: BoardFilters = { region: values.region, status: isStatus(values.status) ? values.status : undefined, page, pageSize: PAGE_SIZE };
  const board = useTerminalBoard(filters);
  const [draft, setDraft] = useState<{ region?: string; status?: TerminalStatus }>({ region: filters.region, status: filters.status });
  const [maintaining, setMaintaining] = useState<BoardTerminal | null>(null);
  const [renewing, setRenewing] = useState<BoardTerminal | null>(null);
  const [logOf, setLogOf] = useState<BoardTerminal | null>(null);

  const onSearch = () => apply({ region: draft.region, status: draft.status });
  const onReset = () => {
    setDraft({});
    apply({});
  };

  const maintenanceSwitch = (t: BoardTerminal) => (
    <SwitchInput checked={t.inService} onChange={() => setMaintaining(t)} aria-label={`在服务：${t.venueName} ${t.name}`} onText="在服务" offText="维护中" />
  );
  const actions = (t: BoardTerminal, size: 'small' | 'middle' = 'small') => (
    <Space wrap size={[8, 8]}>
      <Button size={size} onClick={() => setRenewing(t)} aria-label={`重新生成令牌：${t.venueName} ${t.name}`}>
        重新生成令牌
      </Button>
      <Button size={size} onClick={() => setLogOf(t)} aria-label={`维护记录：${t.venueName} ${t.name}`}>
        维护记录
      </Button>
    </Space>
  );

  const columns: TableColumnsType<BoardTerminal> = [
    {
      title: '终端',
      key: 'name',
      render: (_, t) => (
        <>
          <div style={{ fontWeight: 600 }}>{t.name}</div>
          <div className="muted">{t.model || '型号未登记'}</div>
        </>
      ),
    },
    {
      title: '所在地点',
      key: 'venue',
      render: (_, t) => (
        <>
          <div>{t.venueName}</div>
          <div className="muted">{t.regionName}</div>
        </>
      ),
    },
    { title: '状态', key: 'status', width: 96, render: (_, t) => <StatusTag status={t.status} /> },
    { title: '终端上报', key: 'reported', width: 170, render: (_, t) => <Reported t={t} /> },
    { title: '最近心跳', key: 'seen', width: 150, render: (_, t) => (t.lastSeenAt ? chinaDateTime(t.lastSeenAt) : <span className="muted">从未上报</span>) },
    { title: '维护', key: 'service', width: 120, render: (_, t) => maintenanceSwitch(t) },
    { title: '操作', key: 'actions', width: 230, render: (_, t) => actions(t) },
  ];

  const counts = board.data?.counts;
  const updatedAt = board.dataUpdatedAt ? inChina(board.dataUpdatedAt)?.format('HH:mm:ss') : null;

  return (
    <>
      <PageHeading>自助终端</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        管理范围：{roots.map((r) => r.name).join('、')}及其下辖区划。终端每分钟上报一次心跳，超过 10 分钟未上报显示为「离线」；本页每 {BOARD_REFRESH_MS / 1000} 秒自动刷新。
      </p>
      <FilterBar label="筛选自助终端" onSearch={onSearch} onReset={onReset}>
        <FilterField id="term-region" label="所在区划">
          <RegionTreeSelect id="term-region" roots={roots} value={draft.region} onChange={(v) => setDraft({ ...draft, region: v })} placeholder="全部区划" />
        </FilterField>
        <FilterSelect<TerminalStatus>
          id="term-status"
          label="状态"
          value={draft.status}
          onChange={(status) => setDraft({ ...draft, status })}
          placeholder="全部状态"
          options={TERMINAL_STATUS_CODES.map((s) => ({ value: s, label: TERMINAL_STATUSES[s] }))}
        />
      </FilterBar>
      <p role="status" aria-live="polite" style={{ marginBottom: 12 }}>
        {board.data && counts
          ? `共 ${counts.online + counts.offline + counts.maintenance} 台：在线 ${counts.online} 台，离线 ${counts.offline} 台，维护中 ${counts.maintenance} 台${filters.status ? `；当前显示${TERMINAL_STATUSES[filters.status]}的 ${board.data.total} 台` : ''}`
          : ''}
        {updatedAt && <span className="muted">（更新于 {updatedAt}）</span>}
      </p>
      <RecordList<BoardTerminal>
        query={board}
        items={board.data?.items}
        label="自助终端列表"
        failed="自助终端加载失败"
        empty="没有符合条件的自助终端"
        rowKey="id"
        columns={columns}
        scrollX={1040}
        card={(t) => (
          <>
            <h2 className="record-cards__title">
              {t.name} <StatusTag status={t.status} />
            </h2>
            <dl className="summary-kv">
              <dt>所在地点</dt>
              <dd>
                {t.venueName}（{t.regionName}）
              </dd>
              <dt>型号</dt>
              <dd>{t.model || '未登记'}</dd>
              <dt>终端上报</dt>
              <dd>
                <Reported t={t} />
              </dd>
              <dt>最近心跳</dt>
              <dd>{lastSeen(t)}</dd>
              <dt>维护</dt>
              <dd>{maintenanceSwitch(t)}</dd>
            </dl>
            {actions(t, 'middle')}
          </>
        )}
      />
      <ListPagination
        current={filters.page}
        pageSize={PAGE_SIZE}
        total={board.data?.total ?? 0}
        onChange={(next) => apply({ region: filters.region, status: filters.status, page: next })}
        label="自助终端分页"
        unit="台"
      />
      <MaintenanceDialog terminal={maintaining} onClose={() => setMaintaining(null)} />
      <TokenDialog terminal={renewing} onClose={() => setRenewing(null)} />
      <EventsDrawer terminal={logOf} onClose={() => setLogOf(null)} />
    </>
  );
}

/** Take a terminal out of service (a reason required) or put it back: confirmed in a dialog. */
function MaintenanceDialog({ terminal, onClose }: { terminal: BoardTerminal | null; onClose: () => void }) {
  const { message } = App.useApp();
  const setMaintenance = useSetMaintenance();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const stopping = terminal?.inService ?? false;
  const close = () => {
    setNote('');
    setError(null);
    onClose();
  };
  const confirm = async () => {
    if (!terminal) return;
    if (stopping && !note.trim()) {
      setError('请填写停用维护的原因。');
      return;
    }
    setError(null);
    try {
      await setMaintenance.mutateAsync({ id: terminal.id, inService: !stopping, note: note.trim() });
      message.success(stopping ? `${terminal.name}已停用维护，群众在地图上会看到「维护中」` : `${terminal.name}已恢复服务`);
      close();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <ActionModal
      open={Boolean(terminal)}
      title={stopping ? '停用维护' : '恢复服务'}
      width={520}
      onClose={close}
      action={stopping ? '确认停用' : '确认恢复'}
      busy={setMaintenance.isPending}
      busyText="正在保存…"
      onAction={confirm}
    >
      {terminal && (
        <>
          <p>
            {terminal.venueName} · {terminal.name}
          </p>
          <p className="muted">
            {stopping
              ? '停用后，群众在政务服务地图上会看到该终端「维护中」；终端仍可上报心跳，便于查看故障情况。'
              : '恢复后，终端按心跳显示「在线」或「离线」。'}
          </p>
          <label htmlFor="maintenance-note" style={{ display: 'block', marginBottom: 4 }}>
            {stopping ? '停用原因（必填）' : '说明（选填）'}
          </label>
          <Input.TextArea id="maintenance-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} showCount rows={3} placeholder={stopping ? '例如：更换打印机' : '例如：已更换打印机'} />
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
        </>
      )}
    </ActionModal>
  );
}

/** 重新生成令牌: confirmed first (the old token stops working), then the new token, shown this once. */
function TokenDialog({ terminal, onClose }: { terminal: BoardTerminal | null; onClose: () => void }) {
  const issue = useIssueToken();
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<'' | 'ok' | 'failed'>('');
  const fieldRef = useRef<GetRef<typeof Input.TextArea>>(null);
  const close = () => {
    setIssued(null);
    setError(null);
    setCopied('');
    onClose();
  };
  const renew = async () => {
    if (!terminal) return;
    setError(null);
    try {
      setIssued(await issue.mutateAsync(terminal.id));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const copy = async () => {
    if (!issued) return;
    try {
      await navigator.clipboard.writeText(issued.token);
      setCopied('ok');
    } catch {
      setCopied('failed');
      fieldRef.current?.resizableTextArea?.textArea.select();
    }
  };
  if (issued) {
    return (
      <ActionModal open title="新的终端令牌" width={560} onClose={close} closeText="关闭" action="复制令牌" busy={false} busyText="" onAction={copy}>
        <Alert
          type="warning"
          showIcon
          title="令牌只显示这一次"
          description="关闭后无法再次查看。请立即复制并配置到终端；如遗失，可重新生成（旧令牌随即失效）。"
          style={{ marginBottom: 12 }}
        />
        <p>
          {terminal?.venueName} · {terminal?.name}
        </p>
        <label htmlFor="issued-token" style={{ display: 'block', marginBottom: 4 }}>
          令牌
        </label>
        <Input.TextArea id="issued-token" ref={fieldRef} readOnly value={issued.token} autoSize onFocus={(e) => e.currentTarget.select()} style={{ fontFamily: 'monospace' }} />
        <p role="status" style={{ minHeight: '1.5em', marginTop: 8 }}>
          {copied === 'ok' && '令牌已复制。'}
          {copied === 'failed' && '没能自动复制，请选中上面的令牌手动复制。'}
        </p>
        <p className="muted">
          终端每分钟向 <code>{issued.heartbeatPath}</code> 发送一次心跳（POST，请求头 <code>Authorization: Bearer 令牌</code>）。
        </p>
        <p className="muted">
          用作窗口评价器或在自助终端上评价：在设备的浏览器中打开 <code>/rate/terminal</code>，填写终端编号 <code>{issued.terminalId}</code> 和这个令牌。
        </p>
      </ActionModal>
    );
  }
  return (
    <ActionModal open={Boolean(terminal)} title="重新生成令牌" width={520} onClose={close} action="重新生成" busy={issue.isPending} busyText="正在生成…" onAction={renew}>
      {terminal && (
        <>
          <p>
            {terminal.venueName} · {terminal.name}
          </p>
          <p>
            {terminal.hasToken
              ? '重新生成后，终端现在使用的令牌立即失效，需要把新令牌配置到终端后才能继续上报心跳。确定重新生成？'
              : '该终端还没有令牌。生成后请把令牌配置到终端。'}
          </p>
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
        </>
      )}
    </ActionModal>
  );
}

/** What one log entry says, in words. */
function eventText(e: TerminalEvent): string {
  if (e.kind === 'heartbeat_status') {
    const to = e.statusTo ? REPORTED_STATUSES[e.statusTo] : '';
    return e.statusFrom ? `终端上报：${REPORTED_STATUSES[e.statusFrom]} → ${to}` : `终端上报：${to}`;
  }
  return TERMINAL_EVENT_KINDS[e.kind];
}

/** A terminal's maintenance log, newest first. */
function EventsDrawer({ terminal, onClose }: { terminal: BoardTerminal | null; onClose: () => void }) {
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const [page, setPage] = useState(1);
  const log = useTerminalEvents(terminal?.id ?? null, page, EVENTS_PAGE_SIZE);
  const close = () => {
    setPage(1);
    onClose();
  };
  return (
    <Drawer open={Boolean(terminal)} onClose={close} title={terminal ? `维护记录：${terminal.venueName} ${terminal.name}` : '维护记录'} size={isMobile ? '100%' : 560} destroyOnHidden>
      {log.isPending && <Spin description="正在加载…" />}
      {log.isError && <Alert type="error" showIcon title={`加载失败：${errorMessage(log.error)}`} />}
      {log.data && log.data.items.length === 0 && <p>还没有维护记录。</p>}
      {log.data && log.data.items.length > 0 && (
        <ol className="terminal-log" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {log.data.items.map((e) => (
            <li key={e.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <div style={{ fontWeight: 600 }}>{eventText(e)}</div>
              <div className="muted">
                {chinaDateTime(e.at)} · {e.byName ?? '终端'}
                {e.version ? ` · 版本 ${e.version}` : ''}
              </div>
              {e.note && <div>{e.note}</div>}
            </li>
          ))}
        </ol>
      )}
      {log.data && <ListPagination current={page} pageSize={EVENTS_PAGE_SIZE} total={log.data.total} onChange={setPage} label="维护记录分页" />}
    </Drawer>
  );
}
