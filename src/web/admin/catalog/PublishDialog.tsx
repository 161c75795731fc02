import { App, Alert, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { usePublishVersion, useVersionDiff, useVersionLint, type Catalog, type CatalogVersion } from '../../api/catalogAdmin.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { applyFieldErrors } from '../../components/formErrors.js';
import { dayOfPicker } from '../../dates.js';
import { ActionModal } from './ActionModal.js';
import { DiffDetails, diffCounts } from './DiffSummary.js';
import { lintPath } from './paths.js';

interface Values {
  effectiveDate?: Dayjs | null;
  noticeTitle?: string;
}

/**
 * Publishing a reviewed version: the effective date, an optional notice title, what changes
 * (the diff, which becomes the public 调整公示), and a clear stop when lint has errors.
 */
export function PublishDialog({
  open,
  catalog,
  version,
  onClose,
}: {
  open: boolean;
  catalog: Catalog;
  version: CatalogVersion;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const diff = useVersionDiff(version.id, open);
  const lint = useVersionLint(version.id, open);
  const publish = usePublishVersion();
  const [error, setError] = useState<string | null>(null);
  const blocked = (lint.data?.errors ?? 0) > 0;
  const defaultTitle = `关于调整《${catalog.name}》的公示（第 ${version.versionNo} 版）`;

  const close = () => {
    setError(null);
    onClose();
  };

  const onFinish = async (v: Values) => {
    if (!v.effectiveDate) return;
    setError(null);
    try {
      const res = await publish.mutateAsync({
        vid: version.id,
        body: { effectiveDate: dayOfPicker(v.effectiveDate), ...(v.noticeTitle?.trim() ? { noticeTitle: v.noticeTitle.trim() } : {}) },
      });
      message.success(`第 ${res.version.versionNo} 版已发布，调整公示已生成`);
      close();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CATALOG_LINT_ERRORS') await lint.refetch();
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  return (
    <ActionModal
      open={open}
      title={`发布第 ${version.versionNo} 版`}
      width={720}
      onClose={close}
      action="确认发布"
      busy={publish.isPending}
      busyText="正在发布…"
      onAction={() => form.submit()}
      actionDisabled={blocked || lint.isPending}
    >
      <p>发布后，本版本成为群众看到的现行目录，原发布版本被替代；同时生成「目录调整公示」，列出新增、取消和调整的事项。</p>
      {lint.isPending && <p role="status">正在进行质量检查…</p>}
      {lint.isError && <Alert type="error" showIcon title={`质量检查失败：${errorMessage(lint.error)}`} style={{ marginBottom: 12 }} />}
      {lint.data &&
        (blocked ? (
          <ErrorAlert
            style={{ marginBottom: 12 }}
            title={`不能发布：目录有 ${lint.data.errors} 处质量错误`}
            description={
              <>
                请先「退回修改」，修正错误后重新提交审核。<Link to={lintPath(version.id)} onClick={close}>查看质量检查报告</Link>
              </>
            }
          />
        ) : (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            title={`质量检查通过：没有错误${lint.data.warnings ? `，有 ${lint.data.warnings} 条提醒` : ''}`}
          />
        ))}
      <Form form={form} name="publish-version" layout="vertical" onFinish={onFinish} disabled={blocked}>
        <Form.Item label="生效日期" name="effectiveDate" rules={[{ required: true, message: '请选择生效日期' }]} extra="格式：年-月-日，例如 2026-12-01。可直接输入。">
          <DatePicker format="YYYY-MM-DD" placeholder="请选择日期" style={{ width: '100%', maxWidth: 280 }} inputReadOnly={false} allowClear={false} />
        </Form.Item>
        <Form.Item label="公示标题（选填）" name="noticeTitle" rules={[{ max: 200, message: '不超过 200 字' }]} extra={`不填则为：${defaultTitle}`}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
      <section aria-labelledby="publish-diff" style={{ marginTop: 8 }}>
        <h2 id="publish-diff" style={{ fontSize: '1.05rem' }}>
          本次调整{diff.data ? `（与第 ${diff.data.against ?? '—'} 版相比）` : ''}
        </h2>
        {diff.isPending && <p role="status">正在计算差异…</p>}
        {diff.isError && <Alert type="error" showIcon title={`差异计算失败：${errorMessage(diff.error)}`} />}
        {diff.data && (
          <>
            <p>{diffCounts(diff.data.diff)}。</p>
            <div className="publish-diff">
              <DiffDetails diff={diff.data.diff} headingLevel={3} />
            </div>
          </>
        )}
      </section>
      {error && <ErrorAlert title={error} style={{ marginTop: 12 }} />}
    </ActionModal>
  );
}
