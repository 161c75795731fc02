import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, Popconfirm, Select, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  useExportLists, useImplList, useImportLists, usePublishList, useUpdateOverride, useUpdateProfile, type ImplListDetail, type ImplListItem, type ListProfile,
} from '../../api/catalogAdmin.js';
import { errorMessage } from '../../api/client.js';
import { useRegion } from '../../api/regions.js';
import { Breadcrumbs } from '../../components/Breadcrumbs.js';
import { BusyButton } from '../../components/BusyButton.js';
import { INPUT_CLEAR, SELECT_CLEAR } from '../../components/clear.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { applyFieldErrors } from '../../components/formErrors.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { ListPagination } from '../../components/ListPagination.js';
import { SwitchInput } from '../../components/SwitchInput.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
import { useRun } from '../../components/useRun.js';
import { RequireAction } from '../../staff/RequireAction.js';
import { chinaDateTime } from '../../dates.js';
import { ImportDialog } from './ImportDialog.js';
import { handlingModeOptions, LIST_LEVEL_LABELS, missingWords, overrideWords, PHONE_PATTERN } from './implLabels.js';
import { ListStateTag } from './ImplListsPage.js';
import { OverrideDrawer } from './OverrideDrawer.js';
import { LoadError } from './scope.js';
import './catalog-admin.css';
import './LintCounts.css';
import './ImplListPage.css';

const PAGE_SIZE = 20;

export default function ImplListRoute() {
  const { region = '' } = useParams();
  return (
    <RequireAction action="catalog.manage" title="实施清单">
      <ImplListLoader region={region} />
    </RequireAction>
  );
}

const Crumbs = ({ name }: { name: string }) => <Breadcrumbs items={[{ label: '实施清单', to: '/workbench/impl-lists' }, { label: name }]} />;

function ImplListLoader({ region }: { region: string }) {
  const list = useImplList(region);
  const place = useRegion(list.isError ? region : undefined);
  if (list.isPending) return <PageLoading />;
  if (list.isError) {
    return (
      <>
        <Crumbs name={place.data?.name ?? region} />
        <PageHeading>无法打开实施清单</PageHeading>
        <LoadError what="该实施清单" error={list.error} />
        <Link to="/workbench/impl-lists">返回实施清单</Link>
      </>
    );
  }
  return <ImplListPage list={list.data} />;
}

/** The public guide of an item for this region (what citizens see, i.e. the published list). */
export const guideUrl = (rowCode: string, region: string) => `/items/${encodeURIComponent(rowCode)}?region=${region}`;

function ImplListPage({ list }: { list: ImplListDetail }) {
  const { error, run } = useRun();
  const publish = usePublishList();
  const exportList = useExportLists();
  const importLists = useImportLists();
  const [importing, setImporting] = useState(false);
  const title = `${list.regionName}实施清单`;

  return (
    <>
      <Crumbs name={list.regionName} />
      <PageHeading>{title}</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        {LIST_LEVEL_LABELS[list.level]} · 区划代码 {list.regionCode} · 依据{list.level === 'town' ? '镇级' : '村级'}指导目录
        {list.catalogVersion ? `第 ${list.catalogVersion.versionNo} 版` : '（尚未发布）'} · 共 {list.items.length} 个事项 · <ListStateTag list={{ published: Boolean(list.published), dirty: list.dirty }} />
      </p>

      <section aria-labelledby="impl-publish-h" className="impl-publish">
        <h2 id="impl-publish-h" className="visually-hidden">
          发布
        </h2>
        {!list.published ? (
          <Alert type="warning" showIcon title="这份清单尚未发布：群众看到的是指导目录的默认信息。" style={{ marginBottom: 12 }} />
        ) : list.dirty ? (
          <Alert
            type="warning"
            showIcon
            title="有未发布的修改"
            description={`发布前，群众看到的仍是上次发布的内容（${list.publishedAt ? chinaDateTime(list.publishedAt) : ''}，第 ${list.revision} 次发布）。确认无误后请点「发布」。`}
            style={{ marginBottom: 12 }}
          />
        ) : (
          <Alert
            type="success"
            showIcon
            title={`已发布：群众看到的就是这里的内容（${list.publishedAt ? chinaDateTime(list.publishedAt) : ''}，第 ${list.revision} 次发布）`}
            style={{ marginBottom: 12 }}
          />
        )}
        {list.missingLabels.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={`缺项：${list.missingLabels.join('、')}`}
            description="缺少的信息在办事指南中显示为指导目录的默认值或「请咨询」。缺项不影响发布，但请尽快补齐。"
            style={{ marginBottom: 12 }}
          />
        )}
        <div className="action-bar" role="group" aria-label="清单操作">
          <Popconfirm
            title={`发布后，群众立即看到${list.regionName}的最新地点、时间、电话和事项设置。确定发布？`}
            okText="发布"
            cancelText="取消"
            onConfirm={() => run(() => publish.mutateAsync(list.regionCode), () => `${title}已发布，群众现在看到的是最新内容`)}
          >
            <BusyButton type="primary" busy={publish.isPending} busyText="正在发布…">
              发布
            </BusyButton>
          </Popconfirm>
          <BusyButton
            icon={<DownloadOutlined aria-hidden />}
            onClick={() => run(() => exportList.mutateAsync(list.regionCode), (name) => `已导出 ${name}`)}
            busy={exportList.isPending}
            busyText="正在导出…"
          >
            导出 Excel
          </BusyButton>
          <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
            导入 Excel
          </Button>
        </div>
        {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      </section>

      <ProfileCard list={list} />
      <ItemsCard list={list} />

      <ImportDialog
        open={importing}
        title={`导入${list.regionName}实施清单`}
        onClose={() => setImporting(false)}
        busy={importLists.isPending}
        onImport={async (file) => {
          const res = await importLists.mutateAsync(file);
          return `已导入 ${res.lists} 份清单的 ${res.rows} 行（未发布）`;
        }}
      >
        <p style={{ margin: 0 }}>
          先「导出 Excel」，在工作簿中修改本地信息后导入。{list.level === 'town' ? `工作簿可以包含${list.regionName}及其村（社区）的清单。` : ''}
          导入的内容进入草稿，发布后群众才能看到；文件有任何错误时不导入任何数据。
        </p>
      </ImportDialog>
    </>
  );
}

type ProfileValues = Omit<ListProfile, 'defaultHandlingMode'> & { defaultHandlingMode?: ListProfile['defaultHandlingMode'] };

function ProfileCard({ list }: { list: ImplListDetail }) {
  const [form] = Form.useForm<ProfileValues>();
  const { message } = App.useApp();
  const updateProfile = useUpdateProfile();
  const [error, setError] = useState<string | null>(null);
  const phoneRule = { pattern: PHONE_PATTERN, message: '电话只能包含数字、连字符和分隔符' };
  const fromVenue = list.venue ? `取自服务网点「${list.venue.name}」，在服务网点中修改。` : undefined;

  useEffect(() => {
    form.setFieldsValue({ ...list.profile, defaultHandlingMode: list.profile.defaultHandlingMode ?? undefined });
  }, [form, list.profile]);

  const onFinish = async (v: ProfileValues) => {
    setError(null);
    try {
      await updateProfile.mutateAsync({
        region: list.regionCode,
        profile: {
          location: v.location?.trim() ?? '',
        hours: v.hours?.trim() ?? '',
        consultPhone: v.consultPhone?.trim() ?? '',
        complaintPhone: v.complaintPhone?.trim() ?? '',
        window: v.window?.trim() ?? '',
        staffContact: v.staffContact?.trim() ?? '',
          defaultHandlingMode: v.defaultHandlingMode ?? null,
        },
      });
      message.success('本地信息已保存（未发布）');
    } catch (err) {
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
      else setError('提交的信息有误，请按输入框下方的提示修改。');
    }
  };

  return (
    <Card className="ca-card" title={<h2 className="card-title">本地信息</h2>} style={{ marginBottom: 16 }}>
      <p className="muted" style={{ marginTop: 0 }}>
        本清单全部事项共用的办理地点、时间和电话；个别事项不同的，在下方事项的「本地设置」中单独填写。
      </p>
      {list.venue && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={
            <>
              办理地点、办理时间和咨询电话取自服务网点「{list.venue.name}」，办事指南、服务地图和办件文书都用这一份信息。要修改，请到
              <Link to={`/workbench/venues/${encodeURIComponent(list.venue.id)}`} className="in-sentence">
                服务网点「{list.venue.name}」
              </Link>
              修改，保存后立即生效。
            </>
          }
        />
      )}
      <Form form={form} name="impl-profile" layout="vertical" onFinish={onFinish} initialValues={{ ...list.profile, defaultHandlingMode: list.profile.defaultHandlingMode ?? undefined }}>
        <div className="form-grid">
          <Form.Item label="办理地点" name="location" rules={[{ max: 200, message: '不超过 200 字' }]} extra={fromVenue}>
            <Input maxLength={200} readOnly={Boolean(list.venue)} />
          </Form.Item>
          <Form.Item label="办理时间" name="hours" rules={[{ max: 500, message: '不超过 500 字' }]} extra={fromVenue}>
            <Input maxLength={500} readOnly={Boolean(list.venue)} />
          </Form.Item>
          <Form.Item label="咨询电话" name="consultPhone" rules={[{ max: 50, message: '不超过 50 字' }, phoneRule]} extra={fromVenue ?? '带区号，如 0537-5383001。'}>
            <Input maxLength={50} type="tel" readOnly={Boolean(list.venue)} />
          </Form.Item>
          <Form.Item label="监督投诉电话" name="complaintPhone" rules={[{ max: 50, message: '不超过 50 字' }, phoneRule]}>
            <Input maxLength={50} type="tel" />
          </Form.Item>
          <Form.Item label="窗口" name="window" rules={[{ max: 100, message: '不超过 100 字' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label="联系人" name="staffContact" rules={[{ max: 100, message: '不超过 100 字' }]} extra="向群众公开的姓名和工作电话。">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            label="默认办理模式"
            name="defaultHandlingMode"
            extra={list.level === 'village' ? '村（社区）清单必填：如 村受理、镇办结。' : '镇（街道）一般为「镇直接办结」。'}
          >
            <Select options={handlingModeOptions} allowClear={SELECT_CLEAR} placeholder="未设置" />
          </Form.Item>
        </div>
        {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
        <BusyButton type="primary" htmlType="submit" busy={updateProfile.isPending} busyText="正在保存…">
          保存本地信息
        </BusyButton>
      </Form>
    </Card>
  );
}

function ItemsCard({ list }: { list: ImplListDetail }) {
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const { error, run } = useRun();
  const updateOverride = useUpdateOverride();
  const [q, setQ] = useState('');
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<string | null>(null);
  const toggling = updateOverride.isPending ? updateOverride.variables.code : null;

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return list.items.filter(
      (i) =>
        (!needle || i.name.toLowerCase().includes(needle) || i.rowCode.includes(needle) || i.department.includes(needle)) &&
        (!onlyFlagged || i.missing.length > 0 || !i.enabled || overrideWords(i.override).length > 0),
    );
  }, [list.items, q, onlyFlagged]);
  const pageRows = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const editingItem = list.items.find((i) => i.rowCode === editing) ?? null;

  const toggle = (item: ImplListItem, enabled: boolean) => {
    const o = { ...(item.override ?? {}) };
    if (enabled) delete o.enabled;
    else o.enabled = false;
    return run(
      () => updateOverride.mutateAsync({ region: list.regionCode, code: item.rowCode, override: Object.keys(o).length ? o : null }),
      () => `${item.name}：${enabled ? '实施' : '不实施'}（未发布）`,
    );
  };

  const enabledSwitch = (i: ImplListItem) => (
    <SwitchInput checked={i.enabled} disabled={toggling === i.rowCode} onChange={(checked) => toggle(i, checked)} aria-label={`实施：${i.name}`} onText="实施" offText="不实施" />
  );
  const localCell = (i: ImplListItem) => {
    const words = overrideWords(i.override);
    return words.length ? `单独设置：${words.join('、')}` : <span className="muted">沿用本地信息</span>;
  };
  const missingCell = (i: ImplListItem) => (i.missing.length ? <span className="lint-count--warning">缺：{missingWords(i.missing)}</span> : <span className="muted">无</span>);
  const actions = (i: ImplListItem) => (
    <Space wrap size={[8, 4]}>
      <Button size={isMobile ? 'middle' : 'small'} onClick={() => setEditing(i.rowCode)} aria-label={`本地设置：${i.name}`}>
        本地设置
      </Button>
      <a href={guideUrl(i.rowCode, list.regionCode)} target="_blank" rel="noreferrer" aria-label={`预览：${i.name}（${list.regionName}，已发布内容，新窗口打开）`}>
        预览
      </a>
    </Space>
  );

  const columns: TableColumnsType<ImplListItem> = [
    { title: '事项编码', dataIndex: 'rowCode', key: 'code', width: 140 },
    { title: '事项名称', key: 'name', render: (_, i) => <>{i.name}<div className="muted">{i.department}</div></> },
    { title: '实施', key: 'enabled', width: 112, render: (_, i) => enabledSwitch(i) },
    { title: '本地设置', key: 'local', width: 160, render: (_, i) => localCell(i) },
    { title: '缺项', key: 'missing', width: 120, render: (_, i) => missingCell(i) },
    { title: '操作', key: 'actions', width: 150, render: (_, i) => actions(i) },
  ];

  return (
    <Card className="ca-card" title={<h2 className="card-title">事项（{list.items.length}）</h2>}>
      <p className="muted" style={{ marginTop: 0 }}>
        关闭「实施」表示本{list.level === 'town' ? '镇（街道）' : '村（社区）'}不办理该事项；「预览」打开群众看到的办事指南（已发布的内容，修改发布后才会更新）。
      </p>
      <div className="toolbar" role="search" aria-label="查找事项">
        <div className="field">
          <label htmlFor="impl-item-q">事项名称、编码或部门</label>
          <Input
            id="impl-item-q"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
            allowClear={INPUT_CLEAR}
            maxLength={50}
            placeholder="输入即筛选"
          />
        </div>
        <div className="field field--check">
          <Checkbox
            checked={onlyFlagged}
            onChange={(e) => {
              setOnlyFlagged(e.target.checked);
              setPage(1);
            }}
          >
            只看缺项、不实施或单独设置的事项
          </Checkbox>
        </div>
      </div>
      <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
        {rows.length === list.items.length ? `共 ${rows.length} 个事项` : `筛选出 ${rows.length} 个事项（共 ${list.items.length} 个）`}
      </p>
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      {isMobile ? (
        <>
          {rows.length === 0 && <p>没有符合条件的事项。</p>}
          <ul className="record-cards" aria-label="事项">
            {pageRows.map((i) => (
              <li key={i.rowCode} className="card">
                <h3 className="record-cards__title">{i.name}</h3>
                <dl className="summary-kv">
                  <dt>事项编码</dt>
                  <dd>{i.rowCode}</dd>
                  <dt>主管部门</dt>
                  <dd>{i.department}</dd>
                  <dt>实施</dt>
                  <dd>{enabledSwitch(i)}</dd>
                  <dt>本地设置</dt>
                  <dd>{localCell(i)}</dd>
                  <dt>缺项</dt>
                  <dd>{missingCell(i)}</dd>
                </dl>
                {actions(i)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Table<ImplListItem>
          rowKey="rowCode"
          columns={columns}
          dataSource={pageRows}
          scroll={{ x: 900 }}
          locale={{ emptyText: '没有符合条件的事项' }}
          pagination={false}
        />
      )}
      <ListPagination current={page} pageSize={PAGE_SIZE} total={rows.length} onChange={setPage} label="事项分页" />
      <OverrideDrawer list={list} item={editingItem} onClose={() => setEditing(null)} />
    </Card>
  );
}
