import { CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, App, Button, Form, Popconfirm, Space, type FormInstance } from 'antd';
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  useCreateItem, useDeleteItem, useUpdateItem, useVersionItem, type Catalog, type CatalogItem, type CatalogVersion, type LintFinding, type VersionItemDetail,
} from '../../api/catalogAdmin.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { Breadcrumbs } from '../../components/Breadcrumbs.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { fieldPath } from '../../components/formErrors.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { ButtonLink } from './ButtonLink.js';
import { ItemFormSections, SECTIONS } from './ItemFormSections.js';
import { NEW_ITEM, toPayload } from './itemValues.js';
import { fieldLabel, ruleLabel } from './labels.js';
import { displayName, itemPath, versionPath } from './paths.js';
import { LoadError, RequireGuidance, versionStatusTag } from './scope.js';
import { useVersionContext } from './useVersionContext.js';
import { versionCrumbs, versionTitle } from './VersionShell.js';
import './editor.css';
import './LintCounts.css';
import './ItemEditorPage.css';

export default function ItemEditorRoute() {
  const { versionId = '', rowCode = '' } = useParams();
  return (
    <RequireGuidance title="指导目录">
      <ItemEditorLoader versionId={versionId} rowCode={rowCode} />
    </RequireGuidance>
  );
}

function ItemEditorLoader({ versionId, rowCode }: { versionId: string; rowCode: string }) {
  const ctx = useVersionContext(versionId);
  const isNew = rowCode === 'new';
  const item = useVersionItem(versionId, isNew ? null : rowCode);
  if (ctx.isPending || (!isNew && item.isPending)) return <PageLoading />;
  if (ctx.isError) return <LoadError what="目录版本" error={ctx.error} />;
  if (!ctx.found) {
    return (
      <>
        <PageHeading>目录版本不存在</PageHeading>
        <Link to="/workbench/catalogs">返回指导目录</Link>
      </>
    );
  }
  if (!isNew && item.isError) {
    return (
      <>
        <PageHeading>无法打开事项</PageHeading>
        <LoadError what="事项" error={item.error} />
        <Link to={versionPath(versionId)}>返回{versionTitle(ctx.found.catalog, ctx.found.version)}</Link>
      </>
    );
  }
  // Keyed by row: another item (or the saved new one) starts a fresh form.
  return <ItemEditor key={`${versionId}/${rowCode}`} {...ctx.found} detail={isNew ? null : (item.data ?? null)} />;
}

/** Where a lint finding's field lives in the form (findings name objects and lists too). */
function lintTarget(field: string, registered: Set<string>): string | null {
  if (registered.has(field)) return field;
  if (field === 'legalLimit' || field === 'promisedLimit') return `${field}.value`;
  const parts = field.split('.');
  while (parts.length > 1) {
    parts.pop();
    const candidate = parts.join('.');
    if (registered.has(candidate)) return candidate;
  }
  return null;
}

/** The form section of each top-level field, for findings that name a whole list. */
const FIELD_SECTIONS: Record<string, string> = {
  steps: 'sec-flow', specialProcedures: 'sec-flow', conditions: 'sec-flow', materials: 'sec-materials', fees: 'sec-fees', faqs: 'sec-faqs',
  situations: 'sec-situations', results: 'sec-other', legalLimit: 'sec-body', promisedLimit: 'sec-body', caseType: 'sec-body',
  visits: 'sec-online', visitsReason: 'sec-online', onlineUrl: 'sec-online', onlinePayment: 'sec-online', consultPhone: 'sec-contact', complaintPhone: 'sec-contact',
};

const registeredNames = (form: FormInstance) => new Set(form.getFieldsError().map((e) => e.name.join('.')));
interface ErrorLine {
  field?: string;
  text: string;
}

const findingText = (f: LintFinding) => `${f.severity === 'error' ? '质量错误' : '质量提醒'}：${f.message}`;

function ItemEditor({ catalog, version, detail }: { catalog: Catalog; version: CatalogVersion; detail: VersionItemDetail | null }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const createItem = useCreateItem();
  const updateItem = useUpdateItem();
  const deleteItem = useDeleteItem();
  const readOnly = version.status !== 'draft';
  const isNew = detail === null;
  const [lint, setLint] = useState<LintFinding[]>(detail?.lint ?? []);
  const [error, setError] = useState<{ title: string; lines: ErrorLine[] } | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const initial = useMemo(() => detail?.item ?? NEW_ITEM, [detail]);
  const title = isNew ? '新增事项' : `${readOnly ? '查看' : '编辑'}事项：${displayName(initial)}`;
  const code = detail ? detail.item.baseCode + detail.item.handlingSeq : null;

  // Lint notes go beside their fields (as warnings: they do not stop saving, only publishing).
  const previousLint = useRef<string[]>([]);
  useEffect(() => {
    const registered = registeredNames(form);
    const byField = new Map<string, string[]>();
    for (const f of lint) {
      const target = lintTarget(f.field, registered);
      if (target) byField.set(target, [...(byField.get(target) ?? []), findingText(f)]);
    }
    const clear = previousLint.current.filter((n) => !byField.has(n)).map((n) => ({ name: fieldPath(n), warnings: [] as string[] }));
    form.setFields([...clear, ...[...byField].map(([n, warnings]) => ({ name: fieldPath(n), warnings }))]);
    previousLint.current = [...byField.keys()];
  }, [form, lint]);

  // The summary sits above the form and takes focus (read first), each line a way to its field.
  const showError = (e: { title: string; lines: ErrorLine[] }) => setError(e);
  useEffect(() => {
    if (!error) return;
    errorRef.current?.scrollIntoView({ block: 'start' });
    errorRef.current?.focus({ preventScroll: true });
  }, [error]);

  const jumpTo = (field: string) => {
    const target = lintTarget(field, registeredNames(form));
    const name = target ? fieldPath(target) : null;
    // A field with an input of its own: scroll to it and focus it.
    if (name && document.getElementById(`item-editor_${name.join('_')}`)) {
      form.scrollToField(name, { block: 'center' });
      form.focusField(name);
      return;
    }
    // A whole list (办理流程, 收费项目…) or an object: go to its section.
    const section = FIELD_SECTIONS[field.split('.')[0]] ?? 'sec-basic';
    const h = document.getElementById(`${section}-h`);
    h?.scrollIntoView({ block: 'start' });
    h?.focus({ preventScroll: true });
  };

  const onFinish = async () => {
    setError(null);
    const payload = toPayload(form.getFieldsValue(true) as Partial<CatalogItem>);
    try {
      // The saved item goes straight into its own cache entry (the editor reopens on it when its code changed).
      const res = isNew ? await createItem.mutateAsync({ vid: version.id, item: payload }) : await updateItem.mutateAsync({ vid: version.id, code: code!, item: payload });
      const newCode = res.item.baseCode + res.item.handlingSeq;
      const errs = res.lint.filter((f) => f.severity === 'error').length;
      message.success(errs ? `已保存。质量检查有 ${errs} 个错误，发布前需修正。` : '已保存');
      if (newCode !== code) {
        navigate(itemPath(version.id, newCode), { replace: true });
      } else {
        form.setFieldsValue(res.item);
        setLint(res.lint);
      }
    } catch (err) {
      const problems = err instanceof ApiError ? err.fieldProblems : [];
      if (problems.length) {
        const registered = registeredNames(form);
        const byField = new Map<string, string[]>();
        const unplaced: ErrorLine[] = [];
        for (const p of problems) {
          if (registered.has(p.field)) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
          else unplaced.push({ field: p.field, text: `${fieldLabel(p.field)}：${p.message}` });
        }
        form.setFields([...byField].map(([n, errors]) => ({ name: fieldPath(n), errors })));
        showError({
          title: `${errorMessage(err)}：有 ${problems.length} 处需要修改`,
          lines: [...[...byField].map(([n, m]) => ({ field: n, text: `${fieldLabel(n)}：${m.join('；')}` })), ...unplaced],
        });
      } else {
        showError({ title: errorMessage(err), lines: [] });
      }
    }
  };

  const onFinishFailed = ({ errorFields }: { errorFields: { name: (string | number)[]; errors: string[] }[] }) => {
    showError({
      title: `有 ${errorFields.length} 处需要修改，已标在对应的输入框下方`,
      lines: errorFields.slice(0, 12).map((f) => ({ field: f.name.join('.'), text: `${fieldLabel(f.name.join('.'))}：${f.errors.join('；')}` })),
    });
  };

  const remove = async () => {
    if (!code) return;
    try {
      await deleteItem.mutateAsync({ vid: version.id, code });
      message.success(`已从第 ${version.versionNo} 版删除「${displayName(initial)}」`);
      navigate(versionPath(version.id));
    } catch (err) {
      showError({ title: errorMessage(err), lines: [] });
    }
  };

  const goSection = (e: MouseEvent<HTMLAnchorElement>, id: string) => {
    e.preventDefault();
    const h = document.getElementById(`${id}-h`);
    h?.scrollIntoView({ block: 'start' });
    h?.focus({ preventScroll: true });
  };

  const errors = lint.filter((f) => f.severity === 'error');
  const warnings = lint.filter((f) => f.severity === 'warning');

  return (
    <>
      <Breadcrumbs items={[...versionCrumbs(catalog, version), { label: isNew ? '新增事项' : displayName(initial) }]} />
      <PageHeading title={`${title} - ${versionTitle(catalog, version)}`}>{title}</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        {versionTitle(catalog, version)} {versionStatusTag(version.status)}
        {code ? ` · 事项编码 ${code}` : ''}
      </p>
      {readOnly && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={version.status === 'review' ? '本版本正在审核，只能查看。如需修改，请先在版本页「退回修改」。' : '已发布的版本只能查看。调整目录请新建版本。'}
        />
      )}
      {error && (
        <div ref={errorRef} tabIndex={-1} className="item-editor__error">
          <ErrorAlert
            title={error.title}
            description={
              error.lines.length ? (
                <ul className="error-lines">
                  {error.lines.map((l, i) => (
                    <li key={i}>
                      {l.field ? (
                        <Button type="link" className="inline-link" onClick={() => jumpTo(l.field!)}>
                          {l.text}
                        </Button>
                      ) : (
                        l.text
                      )}
                    </li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        </div>
      )}
      <div className={readOnly ? 'item-editor item-editor--readonly' : 'item-editor'}>
        <aside className="card item-editor__side" aria-labelledby="lint-panel-h">
          <h2 id="lint-panel-h" className="item-section__title">
            质量检查
          </h2>
          {isNew ? (
            <p className="muted">保存后检查。</p>
          ) : lint.length === 0 ? (
            <p className="lint-count lint-count--ok">通过：没有发现问题。</p>
          ) : (
            <>
              <p>
                {errors.length} 个错误，{warnings.length} 个提醒{readOnly ? '' : '（保存后重新检查）'}。有错误的目录不能发布。
              </p>
              <ul className="lint-list">
                {[...errors, ...warnings].map((f, i) => (
                  <li key={i} className={f.severity === 'error' ? 'lint-list__error' : 'lint-list__warning'}>
                    <span className={f.severity === 'error' ? 'lint-count--error' : 'lint-count--warning'}>
                      {f.severity === 'error' ? <CloseCircleFilled aria-hidden /> : <ExclamationCircleFilled aria-hidden />} {f.severity === 'error' ? '错误' : '提醒'}
                    </span>
                    ：{f.message}
                    <div className="muted">
                      {ruleLabel(f.rule)} · {fieldLabel(f.field)}
                    </div>
                    <Button type="link" size="small" className="inline-link" onClick={() => jumpTo(f.field)} aria-label={`转到字段：${fieldLabel(f.field)}`}>
                      转到字段
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </aside>
        <div className="item-editor__main">
          <nav aria-label="表单分区" className="section-links">
            <ul>
              {SECTIONS.map((s) => (
                <li key={s.id}>
                  <a href={`#${s.id}`} onClick={(e) => goSection(e, s.id)}>
                    {s.title}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {/* Saved by the sticky bar's submit button (form="item-editor"); read-only, there is no form to submit. */}
          <Form
            form={form}
            name="item-editor"
            component={readOnly ? false : 'form'}
            layout="vertical"
            initialValues={initial}
            onFinish={onFinish}
            onFinishFailed={onFinishFailed}
            disabled={readOnly}
          >
            <ItemFormSections form={form} readOnly={readOnly} />
          </Form>
        </div>
      </div>
      <div className="item-editor__bar">
        <Space wrap>
          {!readOnly && (
            <BusyButton type="primary" htmlType="submit" form="item-editor" busy={createItem.isPending || updateItem.isPending} busyText="正在保存…">
              {isNew ? '保存新事项' : '保存修改'}
            </BusyButton>
          )}
          <ButtonLink to={versionPath(version.id)}>返回事项列表</ButtonLink>
          {!readOnly && !isNew && (
            <Popconfirm title={`确定从第 ${version.versionNo} 版删除「${displayName(initial)}」？`} okText="删除" cancelText="取消" onConfirm={remove}>
              <BusyButton danger busy={deleteItem.isPending} busyText="正在删除…">
                删除事项
              </BusyButton>
            </Popconfirm>
          )}
        </Space>
      </div>
    </>
  );
}
